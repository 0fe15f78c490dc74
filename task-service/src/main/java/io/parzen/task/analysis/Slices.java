package io.parzen.task.analysis;

import io.parzen.events.ParameterSpec;
import io.parzen.task.executions.ExecutionEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Slice plots of a task: per parameter, each completed execution's parameter value against its result. */
public record Slices(String taskId, @Schema(nullable = true) String metric, List<Slice> parameters) {

    /**
     * One parameter.
     *
     * @param kind numeric or categorical
     * @param log the parameter is searched on a log scale (plot x on a log axis)
     */
    public record Slice(String name, @Schema(enumeration = {"numeric", "categorical"}) String kind, boolean log,
            List<Point> points) {
    }

    /** One completed execution: {@code x} is its parameter value as it ran (a number, or a category). */
    public record Point(Object x, double value, int seq, String executionId) {
    }

    static Slices of(String taskId, Objective objective, List<ParameterSpec> specs, List<ExecutionEntity> executions) {
        List<Map<String, Object>> seen = executions.stream().map(ExecutionEntity::parameterMap).toList();
        List<Slice> slices = new ArrayList<>();
        for (ParameterSpec spec : specs) {
            Dimension d = Dimension.of(spec, seen);
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < executions.size(); i++) {
                ExecutionEntity e = executions.get(i);
                Double result = objective.resultOf(e);
                Object x = seen.get(i).get(spec.name());
                if (result != null && x != null) {
                    points.add(new Point(x, result, e.seq, e.id));
                }
            }
            slices.add(new Slice(spec.name(), d.numeric() ? "numeric" : "categorical", d.numeric() && d.log(),
                    List.copyOf(points)));
        }
        return new Slices(taskId, objective.metric(), List.copyOf(slices));
    }
}
