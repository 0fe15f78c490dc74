package io.parzen.deploy.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** PID files, stale PIDs, configuration, service environment, command line: no processes started. */
class LauncherStateTest {

    @TempDir
    Path dir;

    @Test
    void pidFilesAndStalePids() throws Exception {
        Path run = dir.resolve("run");
        assertTrue(Processes.readPid(run, "kafka").isEmpty());
        // this JVM is alive but is not a "kafka" started by the launcher: a reused PID is not ours. A
        // reused PID belongs to a process started after the PID file was written (here: a day ago)
        Processes.writePid(run, "kafka", ProcessHandle.current().pid());
        java.nio.file.Files.setLastModifiedTime(Processes.pidFile(run, "kafka"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(1))));
        assertEquals(Optional.of(ProcessHandle.current().pid()), Processes.readPid(run, "kafka"));
        assertTrue(Processes.running(run, "kafka").isEmpty(), "PID without the component marker is stale");
        // while the PID file is younger than the process (a child between fork and exec), it counts as ours
        Processes.writePid(run, "kafka", ProcessHandle.current().pid());
        assertTrue(Processes.running(run, "kafka").isPresent(), "a process older than its PID file is the one recorded");
        // a dead PID is stale too
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Processes.writePid(run, "postgres", p.pid());
        assertTrue(Processes.running(run, "postgres").isEmpty());
        Files.writeString(Processes.pidFile(run, "task-service"), "garbage");
        assertTrue(Processes.readPid(run, "task-service").isEmpty());
        Processes.deletePid(run, "kafka");
        assertFalse(Files.exists(Processes.pidFile(run, "kafka")));
    }

    @Test
    void markerIdentifiesOurProcesses() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                Processes.MARKER + "metrics-service", "-version").redirectErrorStream(true).start();
        try {
            // read while it runs; -version ends fast, so accept either outcome of the race but never a false match
            assertFalse(Processes.isComponent(p.pid(), "task-service"));
        } finally {
            p.waitFor();
        }
        assertTrue(Processes.rssKib(ProcessHandle.current().pid()) > 1000);
    }

    @Test
    void tailAndReadFrom() throws Exception {
        Path log = dir.resolve("x.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            sb.append("line ").append(i).append('\n');
        }
        Files.writeString(log, sb);
        String tail = Processes.tail(log, 3);
        assertEquals("line 98\nline 99\nline 100", tail.lines().skip(Math.max(0, tail.lines().count() - 3))
                .reduce((a, b) -> a + "\n" + b).orElse(""));
        assertTrue(Processes.readFrom(log, Files.size(log) - 9).contains("line 100"));
        assertEquals("", Processes.tail(dir.resolve("missing.log"), 5));
    }

    @Test
    void configurationAndEnvironment() throws Exception {
        LaunchConfig c = LaunchConfig.defaults(dir);
        assertEquals(dir.resolve(".parzen"), c.stateDir());
        assertEquals("127.0.0.1:9092", c.kafkaBootstrap());
        assertEquals("postgresql://127.0.0.1:54329/parzen_task", c.reactiveUrl("parzen_task"));
        LaunchConfig ext = c.withExternal("broker:29092", "jdbc:postgresql://db:5432/", "u", "p");
        assertEquals("broker:29092", ext.kafkaBootstrap());
        assertEquals("postgresql://db:5432/parzen_metrics", ext.reactiveUrl("parzen_metrics"));
        assertEquals("jdbc:postgresql://db:5432/postgres", ext.jdbcUrl("postgres"));
        ParzenSystem extSys = new ParzenSystem(ext, System.out);
        assertEquals(Component.SERVICES, extSys.components());

        LaunchConfig free = c.withFreePorts();
        assertEquals(7, Arrays.stream(new int[] {free.kafkaPort(), free.kafkaControllerPort(), free.dbPort(),
                free.taskPort(), free.optimizerPort(), free.executorPort(), free.metricsPort()}).distinct().count());

        Map<String, String> env = new ParzenSystem(free, System.out).serviceEnvironment(Component.EXECUTOR);
        assertEquals("127.0.0.1:" + free.kafkaPort(), env.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals("postgresql://127.0.0.1:" + free.dbPort() + "/parzen_executor", env.get("PARZEN_DB_URL"));
        assertEquals("" + free.executorPort(), env.get("PARZEN_EXECUTOR_PORT"));
        assertEquals("" + free.taskPort(), env.get("PARZEN_TASK_PORT"));
        assertEquals(dir.toString(), env.get("PARZEN_EXECUTOR_BASE_DIR"));
        assertEquals(free.stateDir().resolve("executor").toString(), env.get("PARZEN_EXECUTOR_DATA_DIR"));
        assertEquals("postgres", env.get("PARZEN_DB_USER"));
    }

    @Test
    void savedConfigurationWinsForStatusAndDown() throws Exception {
        LaunchConfig c = LaunchConfig.defaults(dir).withFreePorts();
        new ParzenSystem(c, System.out).save();
        LaunchConfig restored = ParzenSystem.saved(LaunchConfig.defaults(dir)).orElseThrow();
        assertEquals(c.taskPort(), restored.taskPort());
        assertEquals(c.kafkaControllerPort(), restored.kafkaControllerPort());
        assertNull(restored.externalKafka());
        assertTrue(ParzenSystem.saved(LaunchConfig.defaults(dir.resolve("other"))).isEmpty());
    }

    @Test
    void upFailsClearlyWithoutServiceJars() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ParzenSystem sys = new ParzenSystem(LaunchConfig.defaults(dir), new PrintStream(buf));
        LaunchException e = org.junit.jupiter.api.Assertions.assertThrows(LaunchException.class, sys::up);
        assertTrue(e.getMessage().contains("task-service/target/quarkus-app/quarkus-run.jar"), e.getMessage());
        assertTrue(e.getMessage().contains("package"), e.getMessage());
        assertFalse(sys.anyRunning());
    }

    @Test
    void commandLineListsTheCommands() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(new ParzenCommand());
        cl.setOut(new java.io.PrintWriter(buf, true));
        assertEquals(0, cl.execute("--help"));
        String help = buf.toString();
        for (String cmd : new String[] {"up", "down", "status", "demo", "bench"}) {
            assertTrue(help.contains("  " + cmd), help);
        }
        CommandLine.ParseResult r = new CommandLine(new ParzenCommand())
                .parseArgs("up", "--task-port", "9181", "--state-dir", "/tmp/x", "--kafka", "h:1");
        ParzenCommand.Up up = (ParzenCommand.Up) r.subcommand().commandSpec().userObject();
        LaunchConfig cfg = up.options.toConfig(dir);
        assertEquals(9181, cfg.taskPort());
        assertEquals(Path.of("/tmp/x"), cfg.stateDir());
        assertEquals("h:1", cfg.externalKafka());
    }
}
