package io.parzen.deploy.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.parzen.deploy.kafka.EmbeddedKafkaTest;
import io.parzen.deploy.kafka.KafkaMain;
import io.parzen.deploy.postgres.PostgresMain;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KafkaMain and PostgresMain as the launcher runs them: detached background JVMs with a PID file,
 * ready lines in their logs, clean stop on SIGTERM, PostgreSQL databases created idempotently.
 */
class InfraProcessesTest {

    @TempDir
    Path state;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        for (ProcessHandle h : started) {
            Processes.stop(h, Duration.ofSeconds(10));
        }
    }

    private ProcessHandle start(String name, String mainClass, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms32m", "-Xmx160m", "-XX:+UseSerialGC", Processes.MARKER + name,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        Process p = Processes.startDetached(cmd, state, Map.of(), state.resolve("logs/" + name + ".log"));
        Processes.writePid(state.resolve("run"), name, p.pid());
        started.add(p.toHandle());
        return p.toHandle();
    }

    private void awaitLine(String name, String marker) throws Exception {
        awaitLine(name, marker, 0);
    }

    private void awaitLine(String name, String marker, long offset) throws Exception {
        Path log = state.resolve("logs/" + name + ".log");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (Processes.readFrom(log, offset).contains(marker)) {
                return;
            }
            if (Processes.running(state.resolve("run"), name).isEmpty()) {
                fail(name + " died:\n" + Processes.tail(log, 40));
            }
            Thread.sleep(200);
        }
        fail(name + " not ready:\n" + Processes.tail(log, 40));
    }

    @Test
    void kafkaMainRunsInTheBackgroundAndStopsOnSigterm() throws Exception {
        int[] ports = Ports.freePorts(2);
        long t0 = System.nanoTime();
        ProcessHandle h = start("kafka", KafkaMain.class.getName(), List.of("--port", "" + ports[0],
                "--controller-port", "" + ports[1], "--dir", state.resolve("kafka").toString()));
        awaitLine("kafka", KafkaMain.READY);
        System.out.printf("KafkaMain ready after %.1f s, RSS %d KiB%n", (System.nanoTime() - t0) / 1e9,
                Processes.rssKib(h.pid()));
        assertEquals(Optional.of(h.pid()), Processes.running(state.resolve("run"), "kafka").map(ProcessHandle::pid));
        assertFalse(Processes.running(state.resolve("run"), "postgres").isPresent());

        String bootstrap = "127.0.0.1:" + ports[0];
        EmbeddedKafkaTest.produce(bootstrap, "launcher-smoke", 5);
        assertEquals(5, EmbeddedKafkaTest.consumeAll(bootstrap, "launcher-smoke", 5).size());

        assertTrue(Processes.stop(h, Duration.ofSeconds(10)), "stopped by SIGTERM within 10 s");
        assertTrue(Processes.tail(state.resolve("logs/kafka.log"), 5).contains("PARZEN kafka: stopped"));
        assertTrue(Processes.running(state.resolve("run"), "kafka").isEmpty());
    }

    @Test
    void postgresMainCreatesDatabasesIdempotentlyAndKeepsData() throws Exception {
        int port = Ports.freePorts(1)[0];
        List<String> args = List.of("--port", "" + port, "--dir", state.resolve("postgres").toString(),
                "--databases", "parzen_a,parzen_b");
        for (int round = 1; round <= 2; round++) {
            long t0 = System.nanoTime();
            Path logFile = state.resolve("logs/postgres.log");
            long offset = java.nio.file.Files.exists(logFile) ? java.nio.file.Files.size(logFile) : 0;
            ProcessHandle h = start("postgres", PostgresMain.class.getName(), args);
            awaitLine("postgres", PostgresMain.READY, offset);
            System.out.printf("PostgresMain round %d ready after %.1f s%n", round, (System.nanoTime() - t0) / 1e9);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    "postgres", "postgres");
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT count(*) FROM pg_database WHERE datname IN ('parzen_a','parzen_b')")) {
                rs.next();
                assertEquals(2, rs.getInt(1));
            }
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/parzen_a",
                    "postgres", "postgres")) {
                if (round == 1) {
                    c.createStatement().execute("CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)");
                } else {
                    ResultSet rs = c.createStatement().executeQuery("SELECT x FROM kept");
                    assertTrue(rs.next(), "data kept across restarts");
                    assertEquals(42, rs.getInt(1));
                }
            }
            assertTrue(Processes.stop(h, Duration.ofSeconds(10)), "stopped by SIGTERM within 10 s");
            String log = Processes.readFrom(state.resolve("logs/postgres.log"), 0);
            assertTrue(log.endsWith("PARZEN postgres: stopped\n") || log.contains("PARZEN postgres: stopped"), log);
            // the server itself is gone too: the port is free again
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Ports.isListening(port) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(Ports.isListening(port), "PostgreSQL server stopped with its launcher process");
        }
    }
}
