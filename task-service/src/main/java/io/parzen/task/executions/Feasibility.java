package io.parzen.task.executions;

import io.parzen.events.TaskSpec;
import io.parzen.events.condition.Constraint;
import io.parzen.events.vocabulary.ExecutionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a task's executions meet its {@code constraints} (ADR 0033): a complete execution is feasible when
 * every constraint holds on its latest metadata; a missing key makes it infeasible. Executions that are not
 * complete have no feasibility (their metadata is not their result).
 */
public final class Feasibility {

    private static final Feasibility NONE = new Feasibility(List.of());

    private final List<Constraint> constraints;

    private Feasibility(List<Constraint> constraints) {
        this.constraints = constraints;
    }

    /**
     * The task's constraints; none for a spec without them. A stored spec whose constraint no longer parses
     * (it was validated when the task was created) counts as having none, so a view never fails on it.
     */
    public static Feasibility of(TaskSpec spec) {
        if (spec == null || spec.constraints() == null || spec.constraints().isEmpty()) {
            return NONE;
        }
        try {
            return new Feasibility(Constraint.parseAll(spec.constraints()));
        } catch (RuntimeException e) {
            return NONE;
        }
    }

    /** Whether the task has constraints. */
    public boolean constrained() {
        return !constraints.isEmpty();
    }

    /** True/false for a complete execution of a constrained task, else null. */
    public Boolean feasible(ExecutionEntity e) {
        if (!constrained() || !ExecutionStatus.COMPLETE.is(e.status)) {
            return null;
        }
        return Constraint.allHold(constraints, e.metricMap());
    }

    /** The constraints a complete execution violates, in task order; null when {@link #feasible} is not false. */
    public List<String> violated(ExecutionEntity e) {
        if (!Boolean.FALSE.equals(feasible(e))) {
            return null;
        }
        Map<String, Object> metrics = e.metricMap();
        List<String> out = new ArrayList<>();
        for (Constraint c : constraints) {
            if (!c.holds(metrics)) {
                out.add(c.expression());
            }
        }
        return out;
    }

    /** The executions that may be best or on the Pareto front: all without constraints, else the feasible ones. */
    public List<ExecutionEntity> candidates(List<ExecutionEntity> executions) {
        if (!constrained()) {
            return executions;
        }
        return executions.stream().filter(e -> Boolean.TRUE.equals(feasible(e))).toList();
    }
}
