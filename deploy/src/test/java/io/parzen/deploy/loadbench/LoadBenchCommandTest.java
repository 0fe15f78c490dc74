package io.parzen.deploy.loadbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadBenchCommandTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private LoadBenchCommand parse(String... args) {
        LoadBenchCommand c = new LoadBenchCommand(new PrintStream(printed, true, StandardCharsets.UTF_8));
        new CommandLine(c).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return c;
    }

    @Test
    void theIssuesInterfaceParsesWithItsDefaults() {
        LoadBenchCommand c = parse("--tasks", "1000", "--executions", "20", "--batch", "10", "--out", "a.json");
        assertThat(c.tasks).isEqualTo(1000);
        assertThat(c.executions).isEqualTo(20);
        assertThat(c.batch).isEqualTo(10);
        assertThat(c.instances).isEqualTo(1);
        assertThat(c.durationMs).isZero();
        assertThat(c.out).isEqualTo(Path.of("a.json"));
        assertThat(c.mode).isEqualTo(LoadBenchCommand.Mode.sim);
        assertThat(c.timeout).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void processModeTakesACommand() {
        LoadBenchCommand c = parse("--mode", "PROCESS", "--command", "true", "--tasks", "1", "--executions", "4",
                "--batch", "1", "--out", "p.json");
        assertThat(c.mode).isEqualTo(LoadBenchCommand.Mode.process);
        assertThat(c.problems()).isEmpty();
        ObjectNode body = c.taskBody(0, "local");
        assertThat(body.path("command").asText()).isEqualTo("true");
        assertThat(body.path("environment").asText()).isEqualTo("local");
        assertThat(body.path("batchSize").asInt()).isEqualTo(1);
    }

    @Test
    void instancesRangeFromOneToOnePerPartition() throws Exception {
        assertThat(parse("--tasks", "10", "--instances", "2", "--out", "x.json").problems()).isEmpty();
        LoadBenchCommand c = parse("--tasks", "10", "--instances", "13", "--out", "x.json");
        assertThat(c.problems()).singleElement().asString().contains("--instances 13").contains("must be 1..12");
        assertThat(c.call()).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--instances 13");
    }

    @Test
    void eachBadValueIsNamedWithWhatIsAllowed() {
        LoadBenchCommand c = parse("--tasks", "0", "--executions", "5", "--batch", "6", "--duration-ms", "-1",
                "--concurrency", "0", "--out", "x.json");
        assertThat(c.problems()).containsExactly(
                "--tasks 0: must be 1..100000",
                "--batch 6: must be 1..--executions (5)",
                "--duration-ms -1: must be 0..240000 (the watchdog's heartbeat timeout is 5 min and the simulated "
                        + "executor sends no heartbeats)",
                "--concurrency 0: must be 1..256");
        assertThat(parse("--mode", "process", "--duration-ms", "5", "--tasks", "1", "--out", "x").problems())
                .singleElement().asString().contains("only for --mode sim");
    }

    @Test
    void requiredOptionsAndUnknownModesAreUsageErrors() {
        LoadBenchCommand c = new LoadBenchCommand(new PrintStream(printed, true, StandardCharsets.UTF_8));
        CommandLine cl = new CommandLine(c);
        cl.setErr(new java.io.PrintWriter(printed, true));
        assertThat(cl.execute("--tasks", "3")).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--out");
        assertThat(cl.execute("--tasks", "3", "--out", "x", "--mode", "cloud")).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("cloud");
    }

    @Test
    void simulatedTasksUseAnEnvironmentExecutorServiceDoesNotServe() {
        ObjectNode body = parse("--tasks", "1", "--out", "x").taskBody(3, LoadBenchCommand.SIM_ENVIRONMENT);
        assertThat(body.path("environment").asText()).isEqualTo("bench-sim").isNotEqualTo("local");
        assertThat(body.path("name").asText()).isEqualTo("loadbench-3");
        assertThat(body.path("parameters")).hasSize(2);
        assertThat(body.path("target").path("metric").asText()).isEqualTo(SimulatedExecutor.METRIC);
    }

    @Test
    void statusFieldsAreReadInKib() {
        assertThat(ProcessUsage.parseStatusKib(java.util.List.of("Name:\tjava", "VmHWM:\t  123456 kB",
                "VmRSS:\t   100 kB"), "VmHWM")).isEqualTo(123456);
        assertThat(ProcessUsage.parseStatusKib(java.util.List.of("Name:\tjava"), "VmRSS")).isEqualTo(-1);
    }
}
