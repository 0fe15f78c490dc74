package io.parzen.optimizer.space;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transforms between user values and the engines' internal representation of a {@link SearchSpace}.
 *
 * <p>Every dimension is one of three kinds:
 * <ul>
 *   <li>{@link Kind#CONTINUOUS}: {@link Uniform} or {@link LogUniform} without a Q.Step. Its code is the
 *       <em>transformed</em> value: the value itself, or its natural logarithm for Log Uniform.</li>
 *   <li>{@link Kind#DISCRETE}: {@link IntegerParameter}, or {@link Uniform} / {@link LogUniform} with a
 *       Q.Step. Its code is the grid index {@code k} of the value {@code min + k*step} (0-based).</li>
 *   <li>{@link Kind#CATEGORICAL}: its code is the index of the value in the declared list.</li>
 * </ul>
 * For discrete dimensions, {@link #center(int, int)} gives the transformed value of a grid point and
 * {@link #cellLow(int, int)} / {@link #cellHigh(int, int)} the transformed cell around it (the value
 * ± step/2, like Optuna's discrete distributions; for a quantized Log Uniform the cell edges are the
 * logarithms of the value ± step/2, the lowest edge kept above 0 at {@code max(low − step/2, low/2)}).
 *
 * <p>Codes of a point are stored in a {@code double[]} in space order, so that engines can keep whole
 * histories in flat arrays.
 */
public final class Codec {

    /** How a dimension is represented internally. */
    public enum Kind { CONTINUOUS, DISCRETE, CATEGORICAL }

    private final SearchSpace space;
    private final Parameter[] params;
    private final String[] names;
    private final Kind[] kind;
    private final boolean[] log;
    private final double[] low;      // transformed lower bound (continuous) / first grid value (discrete)
    private final double[] high;     // transformed upper bound (continuous) / last grid value (discrete)
    private final double[] vmin;     // user-value min (discrete grid origin)
    private final double[] vmax;     // user-value max
    private final double[] step;     // discrete step on the value
    private final long[] count;      // discrete / categorical number of values

    public Codec(SearchSpace space) {
        this.space = space;
        int d = space.size();
        params = space.parameters().toArray(new Parameter[0]);
        names = new String[d];
        kind = new Kind[d];
        log = new boolean[d];
        low = new double[d];
        high = new double[d];
        vmin = new double[d];
        vmax = new double[d];
        step = new double[d];
        count = new long[d];
        for (int i = 0; i < d; i++) {
            Parameter p = params[i];
            names[i] = p.name();
            if (p instanceof Uniform u) {
                vmin[i] = u.min();
                vmax[i] = u.max();
                if (u.qStep() == null) {
                    kind[i] = Kind.CONTINUOUS;
                    low[i] = u.min();
                    high[i] = u.max();
                } else {
                    kind[i] = Kind.DISCRETE;
                    step[i] = u.qStep();
                    count[i] = u.cardinality();
                }
            } else if (p instanceof LogUniform l) {
                log[i] = true;
                vmin[i] = l.low();
                vmax[i] = l.high();
                if (l.qStep() == null) {
                    kind[i] = Kind.CONTINUOUS;
                    low[i] = Math.log(l.low());
                    high[i] = Math.log(l.high());
                } else {
                    kind[i] = Kind.DISCRETE;
                    step[i] = l.qStep();
                    count[i] = l.cardinality();
                }
            } else if (p instanceof IntegerParameter n) {
                kind[i] = Kind.DISCRETE;
                vmin[i] = n.min();
                vmax[i] = n.max();
                step[i] = n.step();
                count[i] = n.cardinality();
            } else {
                kind[i] = Kind.CATEGORICAL;
                count[i] = ((Categorical) p).values().size();
            }
            if (kind[i] == Kind.DISCRETE) {
                low[i] = center(i, 0);
                high[i] = center(i, (int) Math.min(Integer.MAX_VALUE, count[i] - 1));
            }
        }
    }

    public SearchSpace space() {
        return space;
    }

    public int dims() {
        return params.length;
    }

    public Parameter parameter(int d) {
        return params[d];
    }

    public String name(int d) {
        return names[d];
    }

    public Kind kind(int d) {
        return kind[d];
    }

    /** True for Log Uniform dimensions (transformed by the natural logarithm). */
    public boolean isLog(int d) {
        return log[d];
    }

    /** Transformed lower bound of a continuous dimension; transformed first grid value of a discrete one. */
    public double low(int d) {
        return low[d];
    }

    /** Transformed upper bound of a continuous dimension; transformed last grid value of a discrete one. */
    public double high(int d) {
        return high[d];
    }

    /** Number of values of a discrete or categorical dimension; {@link Long#MAX_VALUE} for continuous. */
    public long count(int d) {
        return kind[d] == Kind.CONTINUOUS ? Long.MAX_VALUE : count[d];
    }

    /** The step (Q.Step, integer step) of a discrete dimension on the value; 0 otherwise. */
    public double step(int d) {
        return step[d];
    }

    /** The user value (as a double) of grid point {@code k} of a discrete dimension. */
    public double gridValue(int d, long k) {
        return Math.min(vmax[d], vmin[d] + k * step[d]);
    }

    /** Transformed value of grid point k of a discrete dimension. */
    public double center(int d, long k) {
        double v = gridValue(d, k);
        return log[d] ? Math.log(v) : v;
    }

    /** Transformed lower edge of the cell of grid point k (value − step/2). */
    public double cellLow(int d, long k) {
        double v = gridValue(d, k) - step[d] / 2;
        if (log[d]) {
            return Math.log(Math.max(v, k == 0 ? vmin[d] / 2 : v));
        }
        return v;
    }

    /** Transformed upper edge of the cell of grid point k (value + step/2). */
    public double cellHigh(int d, long k) {
        double v = gridValue(d, k) + step[d] / 2;
        return log[d] ? Math.log(v) : v;
    }

    /** The grid index nearest to a transformed value of a discrete dimension. */
    public long nearestIndex(int d, double transformed) {
        double v = log[d] ? Math.exp(transformed) : transformed;
        long k = Math.round((v - vmin[d]) / step[d]);
        return Math.max(0, Math.min(count[d] - 1, k));
    }

    /** The user value of a code. */
    public Object decode(int d, double code) {
        Parameter p = params[d];
        switch (kind[d]) {
            case CONTINUOUS -> {
                return continuousValue(d, code);
            }
            case DISCRETE -> {
                long k = Math.max(0, Math.min(count[d] - 1, (long) code));
                if (p instanceof IntegerParameter n) {
                    return Math.min(n.max(), n.min() + k * n.step());
                }
                return gridValue(d, k);
            }
            default -> {
                return ((Categorical) p).values().get((int) code);
            }
        }
    }

    /** The user point of a code vector, in space order. */
    public Map<String, Object> decode(double[] codes) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int d = 0; d < params.length; d++) {
            out.put(names[d], decode(d, codes[d]));
        }
        return out;
    }

    /**
     * The code of a user value, or NaN when the value is missing or not a value of the dimension
     * (e.g. a trial recorded under a different space).
     */
    public double encode(int d, Object value) {
        if (value == null) {
            return Double.NaN;
        }
        switch (kind[d]) {
            case CATEGORICAL -> {
                int i = ((Categorical) params[d]).indexOf(value);
                return i < 0 ? Double.NaN : i;
            }
            case CONTINUOUS -> {
                if (!(value instanceof Number num)) {
                    return Double.NaN;
                }
                double v = Math.max(vmin[d], Math.min(vmax[d], num.doubleValue()));
                return log[d] ? Math.log(v) : v;
            }
            default -> {
                if (!(value instanceof Number num)) {
                    return Double.NaN;
                }
                double v = num.doubleValue();
                if (!Double.isFinite(v)) {
                    return Double.NaN;
                }
                long k = Math.round((v - vmin[d]) / step[d]);
                return Math.max(0, Math.min(count[d] - 1, k));
            }
        }
    }

    /** Codes of a user point; entries are NaN for missing or foreign values. */
    public double[] encode(Map<String, Object> point) {
        double[] out = new double[params.length];
        for (int d = 0; d < params.length; d++) {
            out[d] = encode(d, point.get(names[d]));
        }
        return out;
    }

    /** True when any entry is NaN. */
    public static boolean hasMissing(double[] codes) {
        for (double c : codes) {
            if (Double.isNaN(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An identity key of a point for duplicate detection: the grid / category index for finite
     * dimensions, the exact bits of the decoded user value for continuous ones.
     */
    public Key key(double[] codes) {
        long[] k = new long[codes.length];
        for (int d = 0; d < codes.length; d++) {
            if (kind[d] == Kind.CONTINUOUS) {
                k[d] = Double.doubleToLongBits(continuousValue(d, codes[d]));
            } else {
                k[d] = (long) codes[d];
            }
        }
        return new Key(k);
    }

    /** The user value of a continuous dimension's code, without boxing. */
    public double continuousValue(int d, double code) {
        double v = log[d] ? Math.exp(code) : code;
        return Math.max(vmin[d], Math.min(vmax[d], v));
    }

    /** Key of a user point. */
    public Key key(Map<String, Object> point) {
        return key(encode(point));
    }

    /** Identity of a point, see {@link Codec#key(double[])}. */
    public static final class Key {
        private final long[] parts;
        private final int hash;

        Key(long[] parts) {
            this.parts = parts;
            this.hash = Arrays.hashCode(parts);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && other.hash == hash && Arrays.equals(other.parts, parts);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return Arrays.toString(parts);
        }
    }

    /** Names of the parameters in space order. */
    public List<String> names() {
        return List.of(names);
    }
}
