package io.parzen.bench;

import io.parzen.bench.latency.LatencyCommand;
import io.parzen.bench.multiobjective.MultiObjectiveCommand;
import io.parzen.bench.pruning.PruningCommand;
import io.parzen.bench.quality.QualityCommand;
import io.parzen.bench.warmstart.WarmStartCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code parzen bench}: the optimizer benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Optimizer benchmarks: quality (shared protocol, compare.py), latency (JMH), pruning, multiobjective, warmstart.",
        subcommands = {QualityCommand.class, LatencyCommand.class, PruningCommand.class, MultiObjectiveCommand.class,
                WarmStartCommand.class})
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
