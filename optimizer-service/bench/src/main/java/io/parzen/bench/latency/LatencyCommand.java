package io.parzen.bench.latency;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parzen bench latency}: the JMH proposal-latency benchmark. */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "JMH: milliseconds to propose a batch of 5 after N observations, per engine and problem.")
public final class LatencyCommand implements Callable<Integer> {

    @Option(names = "--engines", split = ",", defaultValue = "optuna,hyperopt,gp",
            description = "engines (default: ${DEFAULT-VALUE})")
    List<String> engines;

    @Option(names = "--problems-list", split = ",", defaultValue = "hartmann6,mlp_surrogate",
            description = "problems (default: ${DEFAULT-VALUE})")
    List<String> problems;

    @Option(names = "--observations", split = ",", defaultValue = "100,300,1000,3000",
            description = "history sizes (default: ${DEFAULT-VALUE})")
    List<String> observations;

    @Option(names = "--problems", defaultValue = "../shared/bench/problems.json",
            description = "problems file (default: ${DEFAULT-VALUE})")
    Path problemsFile;

    @Option(names = "--iterations", defaultValue = "5", description = "measurement iterations (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--out", description = "JMH JSON result file")
    Path out;

    @Override
    public Integer call() throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(ProposalLatencyBenchmark.class.getName())
                .param("engine", engines.toArray(String[]::new))
                .param("problem", problems.toArray(String[]::new))
                .param("observations", observations.toArray(String[]::new))
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(2))
                .forks(1)
                .jvmArgsAppend("-Xmx2g", "-Dparzen.bench.problems=" + problemsFile.toAbsolutePath());
        if (out != null) {
            options.result(out.toString()).resultFormat(ResultFormatType.JSON);
        }
        new Runner(options.build()).run();
        return 0;
    }
}
