package io.parzen.optimizer.engine.sobol;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.engine.Source;
import io.parzen.optimizer.engine.support.Issued;
import io.parzen.optimizer.engine.support.RandomSampling;
import io.parzen.optimizer.space.Codec;
import io.parzen.optimizer.space.LogUniform;
import io.parzen.optimizer.study.Study;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Quasi-random search: the scrambled Sobol sequence ({@link Sobol}) mapped to the space, point
 * {@code k} for the k-th issued trial of the study (so that consecutive batches continue one
 * sequence). The scramble comes from the engine's seed, not from the per-call random source, so that
 * it stays the same across batches. Mapping of a coordinate u in [0, 1): uniform {@code low + u·(high −
 * low)}; Log Uniform the same on the exponent; integers, Q.Step parameters and categories the
 * {@code floor(u·count)}-th value (equal weight per value, like {@link RandomSampling}); a quantized Log
 * Uniform rounds {@code 10^(u-th exponent)} to its grid. Dimensions beyond {@value Sobol#MAX_DIMS} are
 * drawn at random. A point that was already issued (finite spaces) is skipped for the next one of the
 * sequence (up to 64), then a random unissued point is taken; on an exhausted space fewer points are
 * returned. Every proposal has {@link Source#RANDOM}.
 */
public final class SobolEngine implements Engine {

    /** Issued points of the sequence skipped in a row before a random unissued point is taken (as {@code Issued}'s 64 draws). */
    private static final int SKIP_LIMIT = 64;
    private final long seed;

    public SobolEngine(long seed) {
        this.seed = seed;
    }

    @Override
    public String name() {
        return "sobol";
    }

    @Override
    public List<Proposal> propose(Study study, int n, RandomGenerator random) {
        Codec codec = new Codec(study.space());
        Issued issued = new Issued(codec, study);
        int dims = codec.dims();
        Sobol sobol = new Sobol(Math.min(dims, Sobol.MAX_DIMS), seed);
        long index = study.issued();
        List<Proposal> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] chosen = null;
            for (int t = 0; t < SKIP_LIMIT && chosen == null && index < Sobol.LENGTH; t++) {
                double[] u = sobol.point(index++);
                double[] c = new double[dims];
                for (int d = 0; d < dims; d++) {
                    c[d] = d < u.length ? map(codec, d, u[d]) : RandomSampling.draw(codec, d, random);
                }
                if (!issued.contains(c)) {
                    chosen = c;
                }
            }
            if (chosen == null) {
                chosen = issued.randomUnissued(random);
                if (chosen == null) {
                    break;
                }
            }
            issued.add(chosen);
            out.add(new Proposal(codec.decode(chosen), Source.RANDOM));
        }
        return out;
    }

    /** The code of dimension d for a unit coordinate u. */
    static double map(Codec codec, int d, double u) {
        switch (codec.kind(d)) {
            case CONTINUOUS -> {
                double lo = codec.low(d);
                double hi = codec.high(d);
                return Math.min(hi, lo + u * (hi - lo));
            }
            case DISCRETE -> {
                if (codec.isLog(d)) {
                    double lo = Math.log(codec.gridValue(d, 0));
                    double hi = Math.log(((LogUniform) codec.parameter(d)).high());
                    return codec.nearestIndex(d, lo + u * (hi - lo));
                }
                return Math.min(codec.count(d) - 1, (long) Math.floor(u * codec.count(d)));
            }
            default -> {
                return Math.min(codec.count(d) - 1, (long) Math.floor(u * codec.count(d)));
            }
        }
    }
}
