package io.parzen.optimizer.multiobjective;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pareto dominance and non-dominated sorting of loss vectors (every objective MINIMISED; the service
 * negates maximised metrics), with Optuna's feasibility rule: an infeasible point is never on the
 * front ({@code optuna/study/_multi_objective.py} {@code _get_pareto_front_trials}, which keeps only
 * feasible trials when constraints are given).
 */
public final class Pareto {

    private Pareto() {
    }

    /** True when {@code a} is no worse than {@code b} in every objective and better in one. */
    public static boolean dominates(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("objective vectors of different lengths: " + a.length + " and " + b.length);
        }
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            if (a[i] < b[i]) {
                better = true;
            }
        }
        return better;
    }

    /**
     * Deb's constrained domination (Deb et al. 2002, NSGA-II; Optuna's {@code _constrained_dominates}):
     * a feasible point dominates an infeasible one; of two infeasible points the one with the smaller
     * total violation dominates; two feasible points compare by {@link #dominates}.
     *
     * @param violationA the sum of the positive constraint values of a (0 = feasible)
     */
    public static boolean constrainedDominates(double[] a, double violationA, double[] b, double violationB) {
        boolean fa = violationA <= 0;
        boolean fb = violationB <= 0;
        if (fa && fb) {
            return dominates(a, b);
        }
        if (fa) {
            return true;
        }
        if (fb) {
            return false;
        }
        return violationA < violationB;
    }

    /**
     * Non-domination rank of every point (0 = the Pareto front), the fast non-dominated sort of Deb et
     * al. 2002. Points with a NaN objective get rank {@link Integer#MAX_VALUE}.
     */
    public static int[] ranks(List<double[]> points) {
        int n = points.size();
        int[] rank = new int[n];
        int[] dominatedBy = new int[n];
        List<List<Integer>> dominates = new ArrayList<>(n);
        boolean[] usable = new boolean[n];
        for (int i = 0; i < n; i++) {
            dominates.add(new ArrayList<>());
            usable[i] = Arrays.stream(points.get(i)).noneMatch(Double::isNaN);
            rank[i] = Integer.MAX_VALUE;
        }
        for (int i = 0; i < n; i++) {
            if (!usable[i]) {
                continue;
            }
            for (int j = i + 1; j < n; j++) {
                if (!usable[j]) {
                    continue;
                }
                if (dominates(points.get(i), points.get(j))) {
                    dominates.get(i).add(j);
                    dominatedBy[j]++;
                } else if (dominates(points.get(j), points.get(i))) {
                    dominates.get(j).add(i);
                    dominatedBy[i]++;
                }
            }
        }
        List<Integer> current = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (usable[i] && dominatedBy[i] == 0) {
                current.add(i);
            }
        }
        int r = 0;
        while (!current.isEmpty()) {
            List<Integer> next = new ArrayList<>();
            for (int i : current) {
                rank[i] = r;
                for (int j : dominates.get(i)) {
                    if (--dominatedBy[j] == 0) {
                        next.add(j);
                    }
                }
            }
            current = next;
            r++;
        }
        return rank;
    }

    /**
     * Indices of the Pareto front among the feasible points, in input order; duplicates of a front
     * point are all on the front (none dominates the other).
     *
     * @param feasible per point, whether it satisfies every constraint (null = all feasible)
     */
    public static int[] front(List<double[]> points, boolean[] feasible) {
        List<double[]> usable = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (feasible == null || feasible[i]) {
                usable.add(points.get(i));
                index.add(i);
            }
        }
        int[] r = ranks(usable);
        return java.util.stream.IntStream.range(0, r.length).filter(i -> r[i] == 0).map(index::get).toArray();
    }
}
