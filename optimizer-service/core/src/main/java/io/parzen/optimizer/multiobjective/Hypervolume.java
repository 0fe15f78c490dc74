package io.parzen.optimizer.multiobjective;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The exact hypervolume dominated by a set of loss vectors (minimised) and bounded by a reference
 * point, for 1 to 4 (or more) objectives: 2-D by a sweep, more by slicing along the last objective
 * (HSO, "hypervolume by slicing objectives", While, Hingston, Barone &amp; Huband, IEEE TEC 2006) down
 * to the 2-D sweep, on the non-dominated points only. Exponential in the number of objectives, fine
 * for the front sizes of a task (hundreds of points, ≤ 4 objectives). Points not strictly better than
 * the reference in every objective add nothing.
 */
public final class Hypervolume {

    /** Optuna's {@code EPS} for a zero coordinate of a derived reference point. */
    public static final double EPS = 1e-12;
    /** Factors of the derived reference point, {@code max(1.1·worst, 0.9·worst)} (Optuna 5 MOTPE {@code _get_reference_point}). */
    public static final double REFERENCE_WIDENING = 1.1;
    public static final double REFERENCE_NARROWING = 0.9;

    private Hypervolume() {
    }

    /** The hypervolume of {@code points} with respect to {@code reference}. */
    public static double of(List<double[]> points, double[] reference) {
        int d = reference.length;
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            if (p.length != d) {
                throw new IllegalArgumentException("a point has " + p.length + " objectives, the reference point " + d);
            }
            boolean in = true;
            for (int i = 0; i < d; i++) {
                if (!(p[i] < reference[i])) {
                    in = false;
                    break;
                }
            }
            if (in) {
                inside.add(p);
            }
        }
        return slice(nonDominated(inside), reference, d);
    }

    /**
     * The reference point Optuna's MOTPE derives from the losses ({@code _tpe/sampler.py}
     * {@code _get_reference_point}): per objective {@code max(1.1·worst, 0.9·worst)} (10% beyond the
     * worst value, whatever its sign), a 0 replaced by {@link #EPS}.
     */
    public static double[] derivedReference(List<double[]> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no point to derive a reference point from");
        }
        int d = points.get(0).length;
        double[] ref = new double[d];
        Arrays.fill(ref, Double.NEGATIVE_INFINITY);
        for (double[] p : points) {
            for (int i = 0; i < d; i++) {
                ref[i] = Math.max(ref[i], p[i]);
            }
        }
        for (int i = 0; i < d; i++) {
            ref[i] = Math.max(REFERENCE_WIDENING * ref[i], REFERENCE_NARROWING * ref[i]);
            if (ref[i] == 0) {
                ref[i] = EPS;
            }
        }
        return ref;
    }

    /**
     * How much each point adds: {@code HV(all) − HV(all but it)} (0 for a dominated point), as MOTPE
     * weights its good set ({@code _calculate_weights_below_for_multi_objective}).
     */
    public static double[] contributions(List<double[]> points, double[] reference) {
        double total = of(points, reference);
        double[] out = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            List<double[]> rest = new ArrayList<>(points);
            rest.remove(i);
            out[i] = Math.max(0, total - of(rest, reference));
        }
        return out;
    }

    private static List<double[]> nonDominated(List<double[]> points) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            boolean dominated = false;
            for (int j = 0; j < points.size() && !dominated; j++) {
                if (j != i && (Pareto.dominates(points.get(j), points.get(i))
                        || (j < i && Arrays.equals(points.get(j), points.get(i))))) {
                    dominated = true;
                }
            }
            if (!dominated) {
                out.add(points.get(i));
            }
        }
        return out;
    }

    /** HV of the first {@code d} objectives of mutually non-dominated-or-not points (all inside the box). */
    private static double slice(List<double[]> points, double[] ref, int d) {
        if (points.isEmpty()) {
            return 0;
        }
        if (d == 1) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] p : points) {
                best = Math.min(best, p[0]);
            }
            return ref[0] - best;
        }
        if (d == 2) {
            double[][] s = points.toArray(new double[0][]);
            Arrays.sort(s, Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
            double hv = 0;
            double lastY = ref[1];
            for (double[] p : s) {
                if (p[1] < lastY) {
                    hv += (ref[0] - p[0]) * (lastY - p[1]);
                    lastY = p[1];
                }
            }
            return hv;
        }
        int k = d - 1;
        double[][] s = points.toArray(new double[0][]);
        Arrays.sort(s, Comparator.comparingDouble(p -> p[k]));
        double hv = 0;
        List<double[]> prefix = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            prefix.add(s[i]);
            double top = i + 1 < s.length ? s[i + 1][k] : ref[k];
            double depth = top - s[i][k];
            if (depth > 0) {
                hv += depth * slice(nonDominatedIn(prefix, k), ref, k);
            }
        }
        return hv;
    }

    /** The points of {@code points} not dominated in their first {@code d} objectives. */
    private static List<double[]> nonDominatedIn(List<double[]> points, int d) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            double[] a = points.get(i);
            boolean dominated = false;
            for (int j = 0; j < points.size() && !dominated; j++) {
                if (j == i) {
                    continue;
                }
                double[] b = points.get(j);
                boolean noWorse = true;
                boolean better = false;
                for (int m = 0; m < d; m++) {
                    if (b[m] > a[m]) {
                        noWorse = false;
                        break;
                    }
                    if (b[m] < a[m]) {
                        better = true;
                    }
                }
                dominated = noWorse && (better || j < i);
            }
            if (!dominated) {
                out.add(a);
            }
        }
        return out;
    }
}
