package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parzen.deploy.launcher.Http;
import io.parzen.deploy.loadbench.LoadBenchCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./parzen bench load} on a small load (5 tasks × 4 executions in batches of 2, simulated
 * executor): it starts its own system, runs the tasks, writes the JSON with every figure of the
 * benchmark and stops the system again. Nothing is lost or duplicated.
 */
class LoadBenchIT {

    @Test
    void aSmallLoadRunsToTheEndAndReportsEveryFigure() throws Exception {
        SharedSystem.release(); // the command starts a system of its own: never two at once
        Path target = E2eSystem.repoRoot().resolve("deploy/e2e/target");
        Files.createDirectories(target);
        Path run = Files.createTempDirectory(target, "e2e-loadbench-");
        Path out = run.resolve("load.json");
        int exit = new CommandLine(new LoadBenchCommand()).execute("--tasks", "5", "--executions", "4", "--batch", "2",
                "--duration-ms", "20", "--timeout", "PT3M", "--state-dir", run.resolve("system").toString(),
                "--out", out.toString());
        assertTrue(Files.isRegularFile(out), "no " + out + " (exit " + exit + ")");
        JsonNode r = Http.JSON.readTree(out.toFile());
        System.out.println("load benchmark result: " + r.toPrettyString());
        assertEquals(0, exit, "exit code");
        assertEquals(5, r.path("tasksCreated").asInt());
        assertEquals(20, r.path("finishedExecutions").asInt());
        assertEquals(0, r.path("lost").asInt(), "lost");
        assertEquals(0, r.path("duplicated").asInt(), "duplicated");
        assertEquals(0, r.path("unfinishedTasks").asInt(), "unfinished tasks");
        assertTrue(r.path("executionsPerSecond").asDouble() > 0, "executionsPerSecond");
        JsonNode loop = r.path("loopLatencyMs");
        assertEquals(5, loop.path("count").asInt(), "one batch boundary per task: " + loop);
        for (String p : new String[] {"p50", "p90", "p99", "max"}) {
            assertTrue(loop.has(p), "loopLatencyMs." + p);
        }
        assertTrue(r.path("maxConsumerLag").has("task-service"), "lag of task-service: " + r.path("maxConsumerLag"));
        // at the end every service's group has read everything: nothing left unread or uncommitted
        JsonNode finalLag = r.path("finalConsumerLag");
        for (String group : new String[] {"task-service", "optimizer-service", "metrics-service"}) {
            assertEquals(0, finalLag.path(group).asInt(-1), "final lag of " + group + ": " + finalLag);
        }
        for (String service : new String[] {"task-service", "optimizer-service", "executor-service", "metrics-service",
                "kafka"}) {
            JsonNode s = r.path("services").path(service);
            assertTrue(s.path("rssMaxMiB").asDouble() > 0 && s.path("cpuSeconds").asDouble() > 0,
                    service + ": " + s);
        }
        assertTrue(r.path("machine").path("cores").asInt() > 0);
        assertEquals(20, r.path("simulatedExecutor").path("finished").asInt());
    }
}
