package io.parzen.task.tasks;

import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.events.vocabulary.ExecutionStatus;
import io.parzen.task.executions.ExecutionEntity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The Pareto front of a multi-objective task ({@code targets}) and its hypervolume, computed here from
 * the executions' latest metadata (task-service's own small code: services share no domain classes,
 * docs/decisions/0032).
 *
 * <ul>
 *   <li>Only {@code complete} executions whose metadata holds every target metric as a finite number take
 *       part, as for {@code best}.</li>
 *   <li>An execution is on the front when no other one is at least as good in every objective and better
 *       in one (maximised metrics compare as higher-is-better); equal executions are both on it. In the
 *       order of the executions.</li>
 *   <li>The hypervolume is the volume, in the metrics' units, dominated by the front and bounded by the
 *       reference point: the task's {@code referencePoint} (source {@code task}), else a derived one
 *       (source {@code derived}) 10% beyond the worst value of each objective over the scored executions,
 *       as Optuna's MOTPE derives its own ({@code max(1.1·w, 0.9·w)} on the value to minimise, 0 replaced
 *       by 1e-12). A derived point moves when a worse execution arrives; give one to compare tasks.
 *       Executions not better than the reference point in every objective add nothing.</li>
 * </ul>
 */
public record ParetoFront(List<Member> members, double hypervolume, List<Double> referencePoint, String referencePointSource) {

    /** Optuna's {@code EPS} for a zero coordinate of a derived reference point. */
    static final double EPS = 1e-12;

    /** One execution on the front. */
    public record Member(
            String executionId,
            @Schema(description = "the value of each target metric, in the order of targets")
            Map<String, Double> values,
            Map<String, Object> parameters) {
    }

    /** The front of {@code executions}, or null when the task has no targets. */
    public static ParetoFront of(TaskSpec spec, List<ExecutionEntity> executions) {
        List<TargetSpec> targets = spec == null ? null : spec.targets();
        if (targets == null || targets.size() < 2) {
            return null;
        }
        int d = targets.size();
        double[] sign = new double[d];
        for (int i = 0; i < d; i++) {
            sign[i] = "minimize".equals(targets.get(i).direction()) ? 1 : -1;
        }
        List<ExecutionEntity> scored = new ArrayList<>();
        List<double[]> losses = new ArrayList<>();
        for (ExecutionEntity e : executions) {
            if (!ExecutionStatus.COMPLETE.is(e.status)) {
                continue;
            }
            double[] l = new double[d];
            boolean ok = true;
            for (int i = 0; i < d && ok; i++) {
                Double v = BestExecution.numeric(e.metricMap().get(targets.get(i).metric()));
                ok = v != null && Double.isFinite(v);
                if (ok) {
                    l[i] = sign[i] * v;
                }
            }
            if (ok) {
                scored.add(e);
                losses.add(l);
            }
        }
        double[] ref;
        String source;
        if (spec.referencePoint() != null && spec.referencePoint().size() == d) {
            ref = new double[d];
            for (int i = 0; i < d; i++) {
                ref[i] = sign[i] * spec.referencePoint().get(i);
            }
            source = "task";
        } else {
            source = "derived";
            ref = losses.isEmpty() ? null : derivedReference(losses);
        }
        List<Member> members = new ArrayList<>();
        List<double[]> front = new ArrayList<>();
        for (int i = 0; i < losses.size(); i++) {
            boolean dominated = false;
            for (int j = 0; j < losses.size() && !dominated; j++) {
                dominated = j != i && dominates(losses.get(j), losses.get(i));
            }
            if (!dominated) {
                ExecutionEntity e = scored.get(i);
                Map<String, Double> values = new LinkedHashMap<>();
                for (int k = 0; k < d; k++) {
                    values.put(targets.get(k).metric(), sign[k] * losses.get(i)[k]);
                }
                members.add(new Member(e.id, values, e.parameterMap()));
                front.add(losses.get(i));
            }
        }
        List<Double> refOut = null;
        if (ref != null) {
            refOut = new ArrayList<>(d);
            for (int i = 0; i < d; i++) {
                refOut.add(sign[i] * ref[i] + 0.0); // + 0.0: no -0.0 in the view
            }
        }
        return new ParetoFront(members, ref == null ? 0 : hypervolume(front, ref), refOut, source);
    }

    static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            better |= a[i] < b[i];
        }
        return better;
    }

    /** Per objective {@code max(1.1·worst, 0.9·worst)} of the losses (minimised), 0 replaced by EPS. */
    static double[] derivedReference(List<double[]> losses) {
        int d = losses.get(0).length;
        double[] ref = new double[d];
        Arrays.fill(ref, Double.NEGATIVE_INFINITY);
        for (double[] l : losses) {
            for (int i = 0; i < d; i++) {
                ref[i] = Math.max(ref[i], l[i]);
            }
        }
        for (int i = 0; i < d; i++) {
            ref[i] = Math.max(1.1 * ref[i], 0.9 * ref[i]);
            if (ref[i] == 0) {
                ref[i] = EPS;
            }
        }
        return ref;
    }

    /** The hypervolume of loss vectors (minimised) against {@code ref}: slicing along the last objective. */
    static double hypervolume(List<double[]> points, double[] ref) {
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            boolean in = true;
            for (int i = 0; i < ref.length; i++) {
                in &= p[i] < ref[i];
            }
            if (in) {
                inside.add(p);
            }
        }
        return slice(inside, ref, ref.length);
    }

    private static double slice(List<double[]> points, double[] ref, int d) {
        if (points.isEmpty()) {
            return 0;
        }
        if (d == 1) {
            return ref[0] - points.stream().mapToDouble(p -> p[0]).min().orElseThrow();
        }
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(p -> p[d - 1]));
        double hv = 0;
        for (int i = 0; i < sorted.size(); i++) {
            double top = i + 1 < sorted.size() ? sorted.get(i + 1)[d - 1] : ref[d - 1];
            double depth = top - sorted.get(i)[d - 1];
            if (depth > 0) {
                hv += depth * slice(sorted.subList(0, i + 1), ref, d - 1);
            }
        }
        return hv;
    }
}
