package io.parzen.task.validation;

import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.events.vocabulary.Direction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Multi-objective tasks (docs/decisions/0032): {@code targets} — 2 to
 * {@value #MAX_OBJECTIVES} objectives, each a distinct metric with a direction — instead of
 * {@code target}, an optional {@code referencePoint} with one finite number per objective, and an
 * engine that optimizes several objectives ({@link Vocabulary#MULTI_OBJECTIVE_ENGINES}; a Bayesian task
 * without an engine gets {@value #DEFAULT_ENGINE}). The engines {@code motpe} and {@code nsga2} need
 * {@code targets}.
 */
final class ObjectivesRule {

    static final int MAX_OBJECTIVES = 4;
    /** The engine of a Bayesian multi-objective task that names none: Optuna 5's default for several objectives. */
    static final String DEFAULT_ENGINE = "motpe";

    private ObjectivesRule() {
    }

    /** The engine fits the number of objectives. */
    static void checkEngine(TaskSpec spec, List<FieldError> errors) {
        String engine = spec.engine();
        if (engine == null || !Vocabulary.ENGINES.contains(engine)) {
            return; // unknown engines are reported by the validator
        }
        boolean several = spec.targets() != null;
        if (several && !Vocabulary.MULTI_OBJECTIVE_ENGINES.contains(engine)) {
            errors.add(new FieldError("engine", engine, "optimizes one objective, and this task has targets; allowed"
                    + " with targets: " + Vocabulary.MULTI_OBJECTIVE_ENGINES));
        } else if (!several && (engine.equals("motpe") || engine.equals("nsga2"))) {
            errors.add(new FieldError("engine", engine, "optimizes several objectives: give targets (2 to "
                    + MAX_OBJECTIVES + " objectives) instead of target, or choose one of "
                    + Vocabulary.ENGINES.stream().filter(e -> !e.equals("motpe") && !e.equals("nsga2")).toList()));
        }
    }

    /** {@code targets} and {@code referencePoint} (called when either is given). */
    static void check(TaskSpec spec, List<FieldError> errors) {
        List<TargetSpec> targets = spec.targets();
        List<Double> ref = spec.referencePoint();
        if (targets == null) {
            errors.add(new FieldError("referencePoint", ref, "is only for a task with targets (2 to "
                    + MAX_OBJECTIVES + " objectives); a task with one target has no hypervolume"));
            return;
        }
        if (spec.target() != null) {
            errors.add(new FieldError("targets", targets, "give either target (one objective) or targets (2 to "
                    + MAX_OBJECTIVES + " objectives), not both"));
        }
        if (targets.size() < 2 || targets.size() > MAX_OBJECTIVES) {
            errors.add(new FieldError("targets", targets, "must list 2 to " + MAX_OBJECTIVES + " objectives (it lists "
                    + targets.size() + "); for one objective use target"));
        }
        Set<String> metrics = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            String at = "targets[" + i + "]";
            TargetSpec t = targets.get(i);
            if (t == null) {
                errors.add(new FieldError(at, null, "must be {\"metric\": KEY, \"direction\": \"maximize\"|\"minimize\"}"));
                continue;
            }
            if (t.metric() == null || t.metric().isBlank()) {
                errors.add(new FieldError(at + ".metric", t.metric(),
                        "is required: the metadata key the training code prints, e.g. \"val_accuracy\""));
            } else if (!metrics.add(t.metric())) {
                errors.add(new FieldError(at + ".metric", t.metric(), "is already an objective of this task; each"
                        + " metric may be listed once"));
            }
            if (t.value() != null) {
                errors.add(new FieldError(at + ".value", t.value(), "is not allowed in targets: an objective takes a"
                        + " direction (\"maximize\" or \"minimize\"), not a target value"));
            }
            if (t.direction() == null) {
                errors.add(new FieldError(at + ".direction", null, "is required: \"maximize\" or \"minimize\""));
            } else if (!Direction.wireNames().contains(t.direction())) {
                errors.add(new FieldError(at + ".direction", t.direction(), "allowed: " + Direction.wireNames()));
            }
        }
        if (ref != null) {
            if (ref.size() != targets.size()) {
                errors.add(new FieldError("referencePoint", ref, "must have one number per objective: "
                        + targets.size() + " numbers in the order of targets (it has " + ref.size() + ")"));
            }
            for (int i = 0; i < ref.size(); i++) {
                Double v = ref.get(i);
                if (v == null || v.isNaN() || v.isInfinite()) {
                    errors.add(new FieldError("referencePoint[" + i + "]", v, "must be a finite number"));
                }
            }
        }
    }
}
