package io.parzen.task.blueprint;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.task.validation.ShellSyntax;
import io.parzen.task.validation.TaskSpecNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts a checked task of a blueprint and its step into the {@link TaskSpec} that task-service
 * creates (see {@link Blueprint} for how each field is made); defaults as for a JSON task
 * ({@link TaskSpecNormalizer}).
 */
final class TaskConversion {

    private TaskConversion() {
    }

    /**
     * The spec of task {@code t} running {@code step}, which {@link TaskChecks} passed without error.
     *
     * @param maxExecutions the task's execution count (at least 1)
     * @param inputs the step's inputs with the task's overrides
     * @param stepStopCondition the step's stop-condition, or null
     */
    static TaskSpec toSpec(TaskBlueprint t, Step step, int maxExecutions, Map<String, List<String>> inputs,
            String stepStopCondition) {
        boolean bayesian = t.type().equals("bayesian_tpe");
        boolean manual = t.type().equals("manual_search");
        // the defaults of a JSON task (maxExecutions is at least 1 here)
        int batchSize = TaskSpecNormalizer.batchSize(t.type(), t.executionBatchSize() == null ? 0
                : t.executionBatchSize(), maxExecutions);
        TargetSpec target = t.optimizationTargetMetric() == null || t.optimizationTargetValue() == null ? null
                : new TargetSpec(t.optimizationTargetMetric().trim(), t.optimizationTargetValue(), null);
        String engine = bayesian && t.engine() == null && t.optimizationTargets() != null ? "motpe" // ADR 0032
                : bayesian ? TaskSpecNormalizer.engine(t.type(), t.engine()) : null; // Valohai: Bayesian only
        // Valohai runs a step's commands through a shell: a single command that may need one stays a list
        boolean list = step.commands().size() > 1 || ShellSyntax.mayNeedShell(step.command());
        return new TaskSpec(t.name(), t.type(), engine, list ? null : step.command(), null, parameterSpecs(t, step),
                manual ? manualSets(t, step) : null, maxExecutions, batchSize, null, target, t.stopCondition(), null,
                null, t.onChildError(), t.maximumQueuedExecutions(), step.timeLimitSeconds(),
                null, stepStopCondition, list ? step.commands() : null, inputs.isEmpty() ? null : inputs,
                t.environment() != null ? t.environment() : step.environment(), step.image(), null, null, t.pruner(), t.warmStartFrom(),
                t.optimizationTargets(), t.optimizationReferencePoint(), t.constraints());
    }

    private static List<ParameterSpec> parameterSpecs(TaskBlueprint t, Step step) {
        boolean bayesian = t.type().equals("bayesian_tpe");
        boolean manual = t.type().equals("manual_search");
        List<ParameterSpec> out = new ArrayList<>();
        for (StepParameter sp : step.parameters()) {
            String passAs = sp.effectivePassAs();
            if (manual) {
                out.add(withMultiple(new ParameterSpec(sp.name(), null, null, null, null, null, null, null, passAs), sp));
                continue;
            }
            Optional<VariantParameter> vp = t.parameters().stream().filter(v -> v.name().equals(sp.name())).findFirst();
            if (vp.isPresent()) {
                out.add(withMultiple(bayesian ? bayesianSpec(vp.get(), sp, passAs)
                        : new ParameterSpec(sp.name(), null, null, null, null, null, vp.get().style(),
                                new LinkedHashMap<>(vp.get().rules()), passAs), sp));
                continue;
            }
            Object fixed = fixedValue(sp);
            if (fixed == null) {
                continue; // left out of the command, as Valohai does with a None value
            }
            out.add(withMultiple(bayesian
                    ? new ParameterSpec(sp.name(), "categorical", null, null, null, List.of(fixed), null, null, passAs)
                    : new ParameterSpec(sp.name(), null, null, null, null, null, "single",
                            new LinkedHashMap<>(Map.of("value", fixed)), passAs), sp));
        }
        return out;
    }

    /** The spec with the step parameter's {@code multiple} mode and separator (none: unchanged). */
    private static ParameterSpec withMultiple(ParameterSpec spec, StepParameter sp) {
        if ("none".equals(sp.multiple())) {
            return spec;
        }
        return spec.withMultiple(sp.multiple(), sp.multipleSeparator());
    }

    /**
     * The value a parameter the task does not vary gets: its default, a list as it is (the executor renders
     * it per 'multiple'); an empty list is no value (Valohai passes nothing).
     */
    private static Object fixedValue(StepParameter sp) {
        Object v = sp.defaultValue();
        if (v instanceof List<?> list) {
            return list.isEmpty() ? null : List.copyOf(list);
        }
        // Valohai reads the default of a 'multiple' parameter as a list (listify): one item
        return v != null && !"none".equals(sp.multiple()) ? List.of(v) : v;
    }

    private static ParameterSpec bayesianSpec(VariantParameter vp, StepParameter sp, String passAs) {
        Map<String, Object> r = vp.rules();
        boolean integerParam = sp.type().equals("integer");
        switch (vp.style()) {
            case "single":
                return new ParameterSpec(sp.name(), "categorical", null, null, null, List.of(r.get("value")), null,
                        null, passAs);
            case "multiple":
                return new ParameterSpec(sp.name(), "categorical", null, null, null,
                        new ArrayList<>((List<?>) r.get("items")), null, null, passAs);
            case "linear": {
                double start = StepValues.num(r.get("start"));
                double end = StepValues.num(r.get("end"));
                double step = StepValues.num(r.get("step"));
                if (integerParam) {
                    return new ParameterSpec(sp.name(), "integer", start, end, step == 1 ? null : step, null, null,
                            null, passAs);
                }
                return new ParameterSpec(sp.name(), "uniform", start, end, step, null, null, null, passAs);
            }
            case "logspace": {
                double start = StepValues.num(r.containsKey("start") ? r.get("start") : r.get("min"));
                double end = StepValues.num(r.containsKey("end") ? r.get("end") : r.get("max"));
                double base = r.get("base") == null ? 10 : StepValues.num(r.get("base"));
                double scale = Math.log10(base);
                return new ParameterSpec(sp.name(), "loguniform", start * scale, end * scale, null, null, null, null,
                        passAs);
            }
            case "random": {
                String dist = r.get("distribution") == null ? "uniform" : (String) r.get("distribution");
                if (dist.equals("log_uniform") || dist.equals("log-uniform")) {
                    dist = "loguniform";
                }
                if (dist.equals("categorical")) {
                    return new ParameterSpec(sp.name(), "categorical", null, null, null,
                            new ArrayList<>((List<?>) r.get("items")), null, null, passAs);
                }
                if (dist.equals("uniform") && (integerParam || Boolean.TRUE.equals(r.get("integerify")))) {
                    dist = "integer";
                }
                Double q = StepValues.num(r.get("step"));
                return new ParameterSpec(sp.name(), dist, StepValues.num(r.get("min")), StepValues.num(r.get("max")), q, null, null, null,
                        passAs);
            }
            default:
                throw new IllegalStateException(vp.style());
        }
    }

    /** Manual search sets with the defaults of the step parameters a set leaves out. */
    private static List<Map<String, Object>> manualSets(TaskBlueprint t, Step step) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> set : t.parameterSets()) {
            Map<String, Object> full = new LinkedHashMap<>();
            for (StepParameter sp : step.parameters()) {
                Object v = set.containsKey(sp.name()) ? set.get(sp.name()) : fixedValue(sp);
                if (v != null) {
                    full.put(sp.name(), v);
                }
            }
            out.add(full);
        }
        return out;
    }
}
