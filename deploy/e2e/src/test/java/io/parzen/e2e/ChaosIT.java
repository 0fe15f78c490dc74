package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parzen.deploy.chaos.ChaosReport;
import io.parzen.deploy.chaos.ChaosRunner;
import io.parzen.deploy.chaos.FaultKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A small run of {@code ./parzen chaos} (ADR 0026): three seeded random faults, one of each kind (seed 16: a
 * SIGKILL of executor-service, PostgreSQL stopped 12 s, the broker stopped 12 s) while two tasks of the example
 * MLP run. Nothing may be lost or duplicated, every task must end, and no task may fail by a fault: the executions a
 * fault crashes are retried (ADR 0023), so a killed executor no longer fails its task.
 */
class ChaosIT {

    static E2eSystem e2e;

    @RegisterExtension
    static final E2eSystem.LogsOnFailure logs = new E2eSystem.LogsOnFailure(() -> e2e);

    @BeforeAll
    static void startSystem() throws Exception {
        e2e = E2eSystem.start("chaos",
                List.of("-Dkafka.session.timeout.ms=6000", "-Dkafka.heartbeat.interval.ms=1000"));
    }

    @AfterAll
    static void stopSystem() {
        if (e2e != null) {
            e2e.close();
        }
    }

    @Test
    void threeRandomFaultsLoseAndDuplicateNothing() throws Exception {
        ChaosRunner.Settings settings = new ChaosRunner.Settings(3, 2, 16, EnumSet.allOf(FaultKind.class),
                Duration.ofSeconds(12), Duration.ofSeconds(2), Duration.ofSeconds(5), 6, 3, 20,
                Duration.ofMinutes(5), null);
        ChaosReport report = new ChaosRunner(e2e.system, e2e.http, settings, System.out).run();
        JsonNode json = report.toJson();
        e2e.log("chaos report: " + json.toPrettyString());
        System.out.println(report.summary());
        assertEquals(3, json.path("rounds").asInt(), "every round done: " + json);
        assertEquals(3, json.path("faults").path("byKind").size(), "one fault of each kind: " + json.path("faults"));
        assertEquals(0, report.lost(), "lost: " + json.path("details"));
        assertEquals(0, report.duplicated(), "duplicated: " + json.path("details"));
        assertEquals(0, report.tasksFailedByFaults(), "tasks failed by faults (retried, ADR 0023): " + json.path("details"));
        assertEquals(0, json.path("observations").path("unexpectedExits").asInt(), "no service exited by itself");
        assertEquals(json.path("tasks").path("total").asInt(), json.path("tasks").path("complete").asInt(0)
                + json.path("tasks").path("error").asInt(0) + json.path("tasks").path("stopped").asInt(0),
                "every task ended: " + json.path("tasks"));
        assertTrue(json.path("executions").path("seen").asInt() > 0, "executions ran: " + json.path("executions"));
    }
}
