package io.parzen.deploy.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import io.parzen.deploy.testing.ListeningSockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's orchestration with stand-in services ({@link FakeService} behind a manifest-only
 * {@code quarkus-run.jar} per service) and external (unreachable) Kafka and PostgreSQL, so that only
 * small JVMs start: up, idempotent up, restart of a dead service, status, down, failure reporting.
 */
class ParzenSystemTest {

    @TempDir
    Path repo;

    private ParzenSystem system;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeEach
    void fakeRepository() throws Exception {
        StringBuilder cp = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(entry);
            cp.append(f.toURI()).append(' ');
        }
        // surefire may hand us a manifest-only booter jar: the test classes folder is what we need
        cp.append(Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri());
        for (Component c : Component.SERVICES) {
            Path jar = c.jar(repo);
            Files.createDirectories(jar.getParent());
            Manifest m = new Manifest();
            m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
            m.getMainAttributes().put(Attributes.Name.CLASS_PATH, cp.toString().trim());
            try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os, m)) {
                // manifest only
            }
        }
        LaunchConfig cfg = LaunchConfig.defaults(repo).withFreePorts()
                .withExternal("127.0.0.1:1", "postgresql://127.0.0.1:1", "postgres", "postgres")
                .withServiceJvmOptions(List.of("-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"))
                .withReadyTimeout(Duration.ofSeconds(60));
        system = new ParzenSystem(cfg, new PrintStream(output, true));
    }

    @AfterEach
    void down() {
        system.down();
        System.out.println(output);
    }

    @Test
    void upStatusRestartDown() throws Exception {
        system.up();
        assertTrue(system.allRunning());
        assertEquals(Component.SERVICES, system.components());
        assertTrue(output.toString().contains("WARNING: could not check or create the databases"), output.toString());
        for (ParzenSystem.ComponentStatus s : system.status()) {
            if (s.component().isService()) {
                assertTrue(s.running(), s.toString());
                assertEquals("UP", s.readiness(), s.toString());
                assertTrue(s.rssKib() > 0, s.toString());
            } else {
                assertEquals("external", s.readiness());
            }
        }
        String log = Files.readString(system.logFile(Component.METRICS));
        assertTrue(log.contains("KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 PARZEN_DB_URL=postgresql://127.0.0.1:1/parzen_metrics"),
                log);
        // loopback by default, and the public key and issuer of launcher tokens
        Path publicKey = system.config().stateDir().resolve("jwt/public.pem");
        assertTrue(Files.isRegularFile(publicKey) && Files.isRegularFile(publicKey.resolveSibling("private.pem")));
        assertTrue(log.contains("PARZEN_HTTP_HOST=127.0.0.1 PARZEN_JWT_PUBLIC_KEY=" + publicKey
                + " PARZEN_JWT_ISSUER=parzen-local"), log);
        if (ListeningSockets.supported()) {
            for (Component c : Component.SERVICES) {
                assertEquals(java.util.Set.of("127.0.0.1"), ListeningSockets.addresses(c.port(system.config())),
                        c.id() + " listens on loopback only");
            }
        }

        // a second up starts nothing; after a crash it starts only the dead service
        long taskPid = system.process(Component.TASK).orElseThrow().pid();
        ProcessHandle executor = system.process(Component.EXECUTOR).orElseThrow();
        executor.destroyForcibly();
        executor.onExit().get();
        assertFalse(system.allRunning());
        system.up();
        assertTrue(system.allRunning());
        assertEquals(taskPid, system.process(Component.TASK).orElseThrow().pid());
        assertTrue(output.toString().contains("task-service       already running"), output.toString());

        // status and down work from the saved configuration alone
        ParzenSystem fromSaved = new ParzenSystem(
                ParzenSystem.saved(LaunchConfig.defaults(repo)).orElseThrow(), new PrintStream(output, true));
        assertEquals(system.config().taskPort(), fromSaved.config().taskPort());
        assertTrue(fromSaved.allRunning());
        fromSaved.down();
        assertFalse(system.anyRunning());
        for (Component c : Component.SERVICES) {
            assertFalse(Files.exists(Processes.pidFile(system.config().runDir(), c.id())), c.id());
            assertTrue(Processes.tail(system.logFile(c), 3).contains("stopped"), c.id());
        }
    }

    @Test
    void upWithAHostBindsEveryServiceThereAndStatusKeepsIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ListeningSockets.supported(), "needs /proc/net/tcp");
        system = new ParzenSystem(system.config().withHost("0.0.0.0"), new PrintStream(output, true));
        system.up();
        for (Component c : Component.SERVICES) {
            // a JVM binds 0.0.0.0 as the dual-stack wildcard :: where IPv6 is on
            java.util.Set<String> bound = ListeningSockets.addresses(c.port(system.config()));
            assertTrue(bound.equals(java.util.Set.of("0.0.0.0")) || bound.equals(java.util.Set.of("::")),
                    c.id() + " " + bound);
        }
        system.printUrls();
        assertTrue(java.util.regex.Pattern.compile("bound to +0\\.0\\.0\\.0\n").matcher(output.toString()).find(),
                output.toString());
        LaunchConfig saved = ParzenSystem.saved(LaunchConfig.defaults(repo)).orElseThrow();
        assertEquals("0.0.0.0", saved.host());
        assertEquals("127.0.0.1", saved.connectHost(), "the launcher itself connects through loopback");
    }

    @Test
    void killOneServiceWithSigkillAndStartItAgain() throws Exception {
        system.up();
        long taskPid = system.process(Component.TASK).orElseThrow().pid();
        long executorPid = system.process(Component.EXECUTOR).orElseThrow().pid();

        assertEquals(java.util.Optional.of(executorPid), system.kill(Component.EXECUTOR));
        assertTrue(system.process(Component.EXECUTOR).isEmpty());
        assertFalse(ProcessHandle.of(executorPid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(Files.exists(Processes.pidFile(system.config().runDir(), Component.EXECUTOR.id())));
        // SIGKILL: the shutdown hook (which prints "stopped") did not run
        assertFalse(Processes.tail(system.logFile(Component.EXECUTOR), 3).contains("stopped"),
                Processes.tail(system.logFile(Component.EXECUTOR), 3));
        assertTrue(system.kill(Component.EXECUTOR).isEmpty(), "killing what is not running is a no-op");
        assertFalse(system.allRunning());

        system.start(Component.EXECUTOR);
        assertTrue(system.allRunning());
        long newPid = system.process(Component.EXECUTOR).orElseThrow().pid();
        assertTrue(newPid != executorPid);
        assertEquals(taskPid, system.process(Component.TASK).orElseThrow().pid(), "the others were left alone");
        String log = Files.readString(system.logFile(Component.EXECUTOR));
        assertEquals(2, log.split("parzen launcher starts executor-service", -1).length - 1, log);
        system.start(Component.EXECUTOR); // running already: only waits for readiness
        assertEquals(newPid, system.process(Component.EXECUTOR).orElseThrow().pid());
    }

    @Test
    void aServiceThatDiesFailsUpWithItsLogAndStopsTheOthers() throws Exception {
        Files.createDirectories(system.config().stateDir());
        Files.writeString(system.config().stateDir().resolve("fail-optimizer-service"), "");
        LaunchException e = assertThrows(LaunchException.class, system::up);
        assertTrue(e.getMessage().contains("optimizer-service exited during startup"), e.getMessage());
        assertTrue(e.logTail().contains("failing on purpose"), e.logTail());
        assertFalse(system.anyRunning(), "what up started was stopped");
    }

    @Test
    void aPortInUseIsReportedByName() throws Exception {
        try (java.net.ServerSocket blocker = new java.net.ServerSocket(system.config().executorPort(), 1,
                java.net.InetAddress.getLoopbackAddress())) {
            LaunchException e = assertThrows(LaunchException.class, system::up);
            assertTrue(e.getMessage().contains("port " + system.config().executorPort() + " for executor-service"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("--executor-port"), e.getMessage());
        }
        assertFalse(output.toString().contains("starting"), "nothing started: " + output);
        assertFalse(system.anyRunning());
    }
}
