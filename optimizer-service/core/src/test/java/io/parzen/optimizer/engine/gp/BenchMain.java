package io.parzen.optimizer.engine.gp;

/** Runs {@link GpBenchTest#bench()} from the command line (same environment variables). */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        new GpBenchTest().bench();
    }
}
