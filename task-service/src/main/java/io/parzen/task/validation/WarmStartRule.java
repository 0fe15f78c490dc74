package io.parzen.task.validation;

import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.events.vocabulary.TaskType;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code warmStartFrom} (docs/decisions/0034): its shape, checked with the rest of the spec, and the earlier tasks
 * themselves, checked by {@link #checkSources} against the stored tasks. Every error names the field with its index
 * ({@code warmStartFrom[1]}), the value and what is allowed.
 */
public final class WarmStartRule {

    /** At most this many earlier tasks (each one's trials are read when the study is created). */
    public static final int MAX_TASKS = 10;

    /** The one message for a task that does not exist and for one the caller may not read (ADR 0006). */
    public static final String NOT_READABLE = "is not a task you can read: give the id of an existing task of a project you may see";

    private static final List<String> MODEL_FREE = List.of("random", "sobol");

    private WarmStartRule() {
    }

    static void check(TaskSpec spec, List<FieldError> errors) {
        List<String> ids = spec.warmStartFrom();
        if (ids == null) {
            return;
        }
        if (ids.isEmpty() || ids.size() > MAX_TASKS) {
            errors.add(new FieldError("warmStartFrom", ids, "give 1 to " + MAX_TASKS + " task ids, or leave it out"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isBlank()) {
                errors.add(new FieldError("warmStartFrom[" + i + "]", id, "must be the id of an earlier task"));
            } else if (!seen.add(id)) {
                errors.add(new FieldError("warmStartFrom[" + i + "]", id, "is listed twice; give each task once"));
            }
        }
        if (!TaskType.BAYESIAN_TPE.is(spec.type())) {
            errors.add(new FieldError("warmStartFrom", ids, "needs type bayesian_tpe (a model that can use earlier results);"
                    + " this task is " + spec.type()));
        } else if (spec.targets() != null) {
            errors.add(new FieldError("warmStartFrom", ids, "is not supported for tasks with targets (several objectives);"
                    + " use it with one target"));
        } else if (!spec.constraintsOrNone().isEmpty()) {
            // the earlier results carry no values for this task's constraints: as priors they would all count as
            // feasible (ADR 0034)
            errors.add(new FieldError("warmStartFrom", ids, "cannot be combined with constraints yet: earlier"
                    + " results carry no values for this task's constraints; leave out warmStartFrom or constraints"));
        } else if (spec.engine() != null && MODEL_FREE.contains(spec.engine())) {
            errors.add(new FieldError("warmStartFrom", ids, "needs a model-based engine (optuna, hyperopt, gp, auto);"
                    + " engine " + spec.engine() + " does not use earlier results"));
        }
    }

    /** What the check needs of a stored earlier task: its project and its spec. */
    public record Source(String project, TaskSpec spec) {
    }

    /**
     * Checks the earlier tasks of a valid spec: each exists and {@code mayRead} its project (else
     * {@link #NOT_READABLE}, the same for both), is not the new task itself, and optimizes the same target.
     *
     * @param taskId the new task's id
     * @param sources the stored tasks by id (missing ones map to null)
     */
    public static List<FieldError> checkSources(String taskId, TaskSpec spec, Function<String, Source> sources,
            java.util.function.Predicate<String> mayRead, List<FieldError> errors) {
        List<String> ids = spec.warmStartFrom();
        if (ids == null) {
            return errors;
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String field = "warmStartFrom[" + i + "]";
            if (id.equals(taskId)) {
                errors.add(new FieldError(field, id, "is this task's own id; give earlier tasks"));
                continue;
            }
            Source source = sources.apply(id);
            if (source == null || !mayRead.test(source.project())) {
                errors.add(new FieldError(field, id, NOT_READABLE));
                continue;
            }
            TargetSpec theirs = source.spec() == null ? null : source.spec().target();
            if (source.spec() == null || source.spec().targets() != null || !sameTarget(theirs, spec.target())) {
                errors.add(new FieldError(field, id, "optimizes " + describe(source.spec()) + ", this task "
                        + describe(spec) + ": warm start needs the same target metric and direction (or target value)"));
            }
        }
        return errors;
    }

    private static boolean sameTarget(TargetSpec a, TargetSpec b) {
        return a != null && b != null && Objects.equals(a.metric(), b.metric())
                && Objects.equals(a.direction(), b.direction()) && Objects.equals(a.value(), b.value());
    }

    private static String describe(TaskSpec spec) {
        if (spec == null) {
            return "nothing";
        }
        if (spec.targets() != null) {
            return "several targets";
        }
        TargetSpec t = spec.target();
        if (t == null) {
            return "no target";
        }
        return "'" + t.metric() + "' " + (t.value() != null ? "towards " + t.value() : t.direction());
    }
}
