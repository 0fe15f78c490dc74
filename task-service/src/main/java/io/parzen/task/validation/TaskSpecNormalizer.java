package io.parzen.task.validation;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Puts a task specification into its canonical form before validation, the way Valohai reads a
 * blueprint: {@code type} lowercased with {@code -} turned into {@code _} (missing means
 * {@code grid_search}), {@code on-child-error} lowercased with {@code _} turned into {@code -},
 * defaults filled in ({@code optuna} engine for Bayesian tasks, synchronous batching,
 * {@code continue-and-error}), the execution count of a manual search or a countable grid derived
 * when it is missing, the batch size capped at the execution count, and a command list of one
 * command turned into that command.
 *
 * <p>Never throws on bad input: values it does not understand are passed on for the validator to
 * report.
 */
public final class TaskSpecNormalizer {

    /** Batch size of a Bayesian task that does not give one. */
    public static final int DEFAULT_BAYESIAN_BATCH_SIZE = 5;

    private TaskSpecNormalizer() {
    }

    public static TaskSpec normalize(TaskSpec s) {
        String type = s.type() == null ? Vocabulary.GRID_SEARCH
                : s.type().trim().toLowerCase(Locale.ROOT).replace('-', '_');
        String engine = lower(s.engine());
        if (engine == null && Vocabulary.BAYESIAN_TPE.equals(type)) {
            engine = Vocabulary.DEFAULT_ENGINE;
        }
        String onChildError = s.onChildError() == null ? Vocabulary.CONTINUE_AND_ERROR
                : s.onChildError().trim().toLowerCase(Locale.ROOT).replace('_', '-');
        String batching = s.batching() == null ? "synchronous" : s.batching().trim().toLowerCase(Locale.ROOT);
        List<ParameterSpec> parameters = s.parameters() == null ? List.of() : normalizeParameters(s.parameters());
        List<Map<String, Object>> sets = s.parameterSets() == null ? null
                : s.parameterSets().stream().filter(m -> m == null || !m.isEmpty()).toList();
        TargetSpec target = s.target() == null ? null
                : new TargetSpec(trim(s.target().metric()), s.target().value(), lower(s.target().direction()));

        int maxExecutions = s.maxExecutions();
        if (maxExecutions == 0) {
            if (Vocabulary.MANUAL_SEARCH.equals(type) && sets != null) {
                maxExecutions = sets.size();
            } else if (Vocabulary.GRID_SEARCH.equals(type)) {
                maxExecutions = (int) Math.min(Integer.MAX_VALUE, gridSize(parameters));
            }
        }
        int batchSize = s.batchSize();
        if (batchSize == 0 && maxExecutions > 0) {
            batchSize = Vocabulary.BAYESIAN_TPE.equals(type)
                    ? Math.min(DEFAULT_BAYESIAN_BATCH_SIZE, maxExecutions) : maxExecutions;
        }
        if (maxExecutions > 0 && batchSize > maxExecutions) {
            batchSize = maxExecutions;
        }
        String earlyStopping = s.earlyStopping() == null || s.earlyStopping().isBlank() ? null : s.earlyStopping();
        // a list of one plain command is that command (a list of one that may need a shell stays a list:
        // ShellSyntax); an empty inputs map is none
        boolean oneOfList = s.command() == null && s.commands() != null && s.commands().size() == 1
                && !ShellSyntax.mayNeedShell(s.commands().get(0));
        String command = oneOfList ? s.commands().get(0) : s.command();
        List<String> commands = oneOfList ? null : s.commands();
        Map<String, List<String>> inputs = s.inputs() == null || s.inputs().isEmpty() ? null : s.inputs();
        return new TaskSpec(trim(s.name()), type, engine, command, s.workingDirectory(), parameters, sets,
                maxExecutions, batchSize, s.randomStartup(), target, earlyStopping, s.seed(), batching, onChildError,
                s.maximumQueuedExecutions(), s.timeLimitSeconds(), s.environmentVariables(),
                s.executionStopCondition() == null || s.executionStopCondition().isBlank() ? null
                        : s.executionStopCondition(), commands, inputs);
    }

    private static List<ParameterSpec> normalizeParameters(List<ParameterSpec> in) {
        List<ParameterSpec> out = new ArrayList<>(in.size());
        for (ParameterSpec p : in) {
            if (p == null) {
                out.add(null);
                continue;
            }
            String distribution = lower(p.distribution());
            if ("log_uniform".equals(distribution) || "log-uniform".equals(distribution)) {
                distribution = "loguniform";
            }
            String style = p.style() == null ? null : p.style().isBlank() ? "single" : lower(p.style());
            out.add(new ParameterSpec(trim(p.name()), distribution, p.min(), p.max(), p.qStep(), p.values(), style,
                    p.rules(), p.passAs(), lower(p.multiple()), p.multipleSeparator()));
        }
        return out;
    }

    /**
     * Number of combinations of a grid, or 0 when some parameter's count cannot be told (the
     * validator then reports what is missing).
     */
    public static long gridSize(List<ParameterSpec> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return 0;
        }
        long size = 1;
        for (ParameterSpec p : parameters) {
            long n = variantCount(p);
            if (n <= 0) {
                return 0;
            }
            if (size > Long.MAX_VALUE / n) {
                return Long.MAX_VALUE; // absurdly large: the execution-count limit reports it
            }
            size *= n;
        }
        return size;
    }

    /** How many values a grid parameter expands to, or 0 when unknown or invalid. */
    static long variantCount(ParameterSpec p) {
        if (p == null || p.style() == null) {
            return 0;
        }
        Map<String, Object> rules = p.rules() == null ? Map.of() : p.rules();
        switch (p.style()) {
            case "single":
                return 1;
            case "multiple":
                return rules.get("items") instanceof Collection<?> c ? c.size() : 0;
            case "linear": {
                Double start = number(rules.get("start"));
                Double end = number(rules.get("end"));
                Double step = number(rules.get("step"));
                if (start == null || end == null || step == null || step <= 0 || end < start) {
                    return 0;
                }
                double count = Math.floor((end - start) / step + 1e-9) + 1;
                return Double.isFinite(count) && count < Long.MAX_VALUE ? (long) count : 0;
            }
            case "logspace":
            case "random": {
                Double count = number(rules.get("count"));
                return count == null || count < 1 ? 0 : count.longValue();
            }
            default:
                return 0;
        }
    }

    static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
