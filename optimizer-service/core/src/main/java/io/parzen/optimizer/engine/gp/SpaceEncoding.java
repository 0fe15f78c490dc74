package io.parzen.optimizer.engine.gp;

import io.parzen.optimizer.space.Categorical;
import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.LogUniform;
import io.parzen.optimizer.space.Parameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Maps a {@link SearchSpace} to the unit cube and back.
 *
 * <p>Every parameter has one "relaxed" coordinate {@code u} in [0, 1]:
 * <ul>
 *   <li>Uniform: linear; LogUniform: linear in log10 of the value (the exponent);</li>
 *   <li>Integer and quantized Uniform with K grid values: cell k covers [k/K, (k+1)/K) and its
 *       canonical coordinate is the cell centre (k + 0.5)/K (Optuna's ±half-step padding);</li>
 *   <li>quantized LogUniform: the grid value nearest to the relaxed value, at its log10 position;</li>
 *   <li>Categorical with C values: cell k of C, centre (k + 0.5)/C.</li>
 * </ul>
 * {@link #snap} maps any relaxed vector to the canonical coordinates of a VALID point, so the
 * acquisition optimizer only ever evaluates valid points. {@link #features} turns a snapped vector
 * into GP inputs: one feature per numeric parameter, a one-hot block scaled by 1/sqrt(2) per
 * categorical (so that two different categories are at squared distance 1: a Hamming kernel term).
 * Each feature belongs to the length-scale group of its parameter.
 */
final class SpaceEncoding {

    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    /** Log Uniform bounds are base-10 exponents (Valohai's convention). */
    private static final double LOG_BASE = 10;

    private final SearchSpace space;
    private final List<Parameter> params;
    /** Number of grid values per parameter (0 = continuous). */
    private final long[] levels;
    private final int[] featureOffset;
    private final int featureCount;
    private final int[] groupOfFeature;

    SpaceEncoding(SearchSpace space) {
        this.space = space;
        this.params = space.parameters();
        int p = params.size();
        levels = new long[p];
        featureOffset = new int[p];
        int f = 0;
        List<Integer> groups = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            Parameter par = params.get(i);
            levels[i] = par.isFinite() ? par.cardinality() : 0;
            featureOffset[i] = f;
            int width = par instanceof Categorical c ? c.values().size() : 1;
            for (int w = 0; w < width; w++) {
                groups.add(i);
            }
            f += width;
        }
        featureCount = f;
        groupOfFeature = groups.stream().mapToInt(Integer::intValue).toArray();
    }

    SearchSpace space() {
        return space;
    }

    int parameterCount() {
        return params.size();
    }

    int featureCount() {
        return featureCount;
    }

    int[] groupOfFeature() {
        return groupOfFeature;
    }

    boolean isCategorical(int i) {
        return params.get(i) instanceof Categorical;
    }

    /** Grid size of parameter i, 0 when continuous. */
    long levels(int i) {
        return levels[i];
    }

    /** Canonical coordinate of a valid relaxed value. */
    double snap1(int i, double u) {
        u = Math.min(1.0, Math.max(0.0, u));
        Parameter par = params.get(i);
        if (par instanceof LogUniform lu && lu.qStep() != null) {
            double v = (Double) lu.normalize(clampLog(lu, Math.pow(LOG_BASE, lu.minExponent() + u * (lu.maxExponent() - lu.minExponent()))));
            return logPosition(lu, v);
        }
        long k = levels[i];
        if (k == 0) {
            return u;
        }
        long idx = Math.min(k - 1, (long) Math.floor(u * k));
        return (idx + 0.5) / k;
    }

    double[] snap(double[] u) {
        double[] out = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            out[i] = snap1(i, u[i]);
        }
        return out;
    }

    /** Canonical coordinate of grid value k of a finite parameter. */
    double gridPoint(int i, long k) {
        Parameter par = params.get(i);
        if (par instanceof LogUniform lu) {
            double v = (Double) lu.normalize(Math.min(lu.high(), lu.low() + k * lu.qStep()));
            return logPosition(lu, v);
        }
        return (k + 0.5) / levels[i];
    }

    /** True for a quantized LogUniform (a finite grid that is not evenly spaced in u). */
    boolean isLogGrid(int i) {
        return params.get(i) instanceof LogUniform lu && lu.qStep() != null;
    }

    /** Grid index of a snapped coordinate of a discrete (non-log-quantized) parameter. */
    long index(int i, double u) {
        long k = levels[i];
        return Math.min(k - 1, Math.max(0, (long) Math.floor(u * k)));
    }

    /** GP feature vector of a snapped point. */
    double[] features(double[] u) {
        double[] x = new double[featureCount];
        features(u, x, 0);
        return x;
    }

    void features(double[] u, double[] out, int offset) {
        for (int i = 0; i < u.length; i++) {
            int o = offset + featureOffset[i];
            if (params.get(i) instanceof Categorical c) {
                int k = (int) index(i, u[i]);
                for (int j = 0; j < c.values().size(); j++) {
                    out[o + j] = j == k ? INV_SQRT2 : 0.0;
                }
            } else {
                out[o] = u[i];
            }
        }
    }

    /** Snapped coordinates of an observed (normalized) user point. */
    double[] encode(Map<String, Object> point) {
        double[] u = new double[params.size()];
        for (int i = 0; i < u.length; i++) {
            Parameter par = params.get(i);
            Object v = point.get(par.name());
            if (par instanceof Uniform un) {
                u[i] = un.qStep() == null
                        ? clamp01((num(v) - un.min()) / (un.max() - un.min()))
                        : center(Math.round((num(v) - un.min()) / un.qStep()), levels[i]);
            } else if (par instanceof LogUniform lu) {
                u[i] = logPosition(lu, num(v));
            } else if (par instanceof IntegerParameter ip) {
                u[i] = center(Math.round((num(v) - ip.min()) / (double) ip.step()), levels[i]);
            } else {
                Categorical c = (Categorical) par;
                u[i] = center(Math.max(0, c.indexOf(v)), levels[i]);
            }
        }
        return u;
    }

    /** The valid user point (normalized values, in space order) of a snapped vector. */
    Map<String, Object> decode(double[] u) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < u.length; i++) {
            Parameter par = params.get(i);
            Object value;
            if (par instanceof Uniform un) {
                value = un.qStep() == null
                        ? Math.min(un.max(), Math.max(un.min(), un.min() + u[i] * (un.max() - un.min())))
                        : Math.min(un.max(), un.min() + index(i, u[i]) * un.qStep());
            } else if (par instanceof LogUniform lu) {
                value = clampLog(lu, Math.pow(LOG_BASE, lu.minExponent() + u[i] * (lu.maxExponent() - lu.minExponent())));
            } else if (par instanceof IntegerParameter ip) {
                value = Math.min(ip.max(), ip.min() + index(i, u[i]) * ip.step());
            } else {
                value = ((Categorical) par).values().get((int) index(i, u[i]));
            }
            out.put(par.name(), par.normalize(value));
        }
        return out;
    }

    /** Identity of a user point for duplicate detection: grid indices for discrete, exact doubles otherwise. */
    List<Object> key(Map<String, Object> point) {
        List<Object> key = new ArrayList<>(params.size());
        for (Parameter par : params) {
            Object v = point.get(par.name());
            if (par instanceof Categorical c) {
                key.add(c.indexOf(v));
            } else if (v instanceof Number n) {
                key.add(n.doubleValue());
            } else {
                key.add(v);
            }
        }
        return key;
    }

    /** A uniformly random valid point (uniform over grids and categories, log-uniform for LogUniform). */
    double[] random(RandomGenerator rng) {
        double[] u = new double[params.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = snap1(i, rng.nextDouble());
        }
        return u;
    }

    private static double center(long k, long levels) {
        long kk = Math.max(0, Math.min(levels - 1, k));
        return (kk + 0.5) / levels;
    }

    private static double logPosition(LogUniform lu, double v) {
        return clamp01((Math.log10(v) - lu.minExponent()) / (lu.maxExponent() - lu.minExponent()));
    }

    private static double clampLog(LogUniform lu, double v) {
        return Math.min(lu.high(), Math.max(lu.low(), v));
    }

    private static double clamp01(double u) {
        return Math.min(1.0, Math.max(0.0, u));
    }

    private static double num(Object v) {
        return ((Number) v).doubleValue();
    }
}
