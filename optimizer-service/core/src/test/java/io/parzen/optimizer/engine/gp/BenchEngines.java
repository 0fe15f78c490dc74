package io.parzen.optimizer.engine.gp;

import io.parzen.optimizer.engine.Engine;

/** Engines for benchmarks by name: gp, gp-none, gp-copula, random. */
public final class BenchEngines {

    private BenchEngines() {
    }

    public static Engine byName(String name) {
        return switch (name) {
            case "gp" -> new GpEngine(20);
            case "gp-none" -> new GpEngine(20, GpMath.Warp.NONE);
            case "gp-auto" -> new GpEngine(20, GpMath.Warp.AUTO);
            case "gp-box" -> new GpEngine(20, GpMath.Warp.BOXCOX);
            case "gp-copula" -> new GpEngine(20, GpMath.Warp.COPULA);
            case "auto" -> new io.parzen.optimizer.engine.auto.AutoEngine(20);
            case "tpe" -> new io.parzen.optimizer.engine.tpe.OptunaTpeEngine(20);
            case "random" -> new GpEngine(Integer.MAX_VALUE);
            default -> io.parzen.optimizer.engine.Engines.byName(name, 20);
        };
    }
}
