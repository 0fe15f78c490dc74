package io.parzen.task.validation;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.events.vocabulary.TaskDefaults;
import io.parzen.events.vocabulary.TaskType;
import java.util.ArrayList;
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

    private TaskSpecNormalizer() {
    }

    public static TaskSpec normalize(TaskSpec s) {
        String type = s.type() == null ? TaskType.GRID_SEARCH.wireName()
                : s.type().trim().toLowerCase(Locale.ROOT).replace('-', '_');
        String engine = s.targets() != null && s.engine() == null && TaskType.BAYESIAN_TPE.is(type)
                ? ObjectivesRule.DEFAULT_ENGINE : engine(type, lower(s.engine()));
        String onChildError = s.onChildError() == null ? TaskDefaults.ON_CHILD_ERROR.wireName()
                : s.onChildError().trim().toLowerCase(Locale.ROOT).replace('_', '-');
        String batching = s.batching() == null ? TaskDefaults.BATCHING.wireName() : s.batching().trim().toLowerCase(Locale.ROOT);
        List<ParameterSpec> parameters = s.parameters() == null ? List.of() : normalizeParameters(s.parameters());
        List<Map<String, Object>> sets = s.parameterSets() == null ? null
                : s.parameterSets().stream().filter(m -> m == null || !m.isEmpty()).toList();
        TargetSpec target = s.target() == null ? null
                : new TargetSpec(trim(s.target().metric()), s.target().value(), lower(s.target().direction()));

        int maxExecutions = s.maxExecutions();
        if (maxExecutions == 0) {
            if (TaskType.MANUAL_SEARCH.is(type) && sets != null) {
                maxExecutions = sets.size();
            } else if (TaskType.GRID_SEARCH.is(type)) {
                maxExecutions = (int) Math.min(Integer.MAX_VALUE, GridSize.of(parameters));
            }
        }
        int batchSize = batchSize(type, s.batchSize(), maxExecutions);
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
                        : s.executionStopCondition(), commands, inputs, blankToNull(s.environment()),
                blankToNull(s.image()), s.maxRetries(), s.retryOn(), PrunerRule.normalize(s.pruner()), s.warmStartFrom(),
                s.targets() == null ? null : s.targets().stream()
                        .map(t -> t == null ? null : new TargetSpec(trim(t.metric()), t.value(), lower(t.direction()))).toList(),
                s.referencePoint(), constraints(s.constraints()));
    }

    /** Constraints trimmed; an empty list is none (null entries are left for the validator to name). */
    static List<String> constraints(List<String> constraints) {
        if (constraints == null || constraints.isEmpty()) {
            return null;
        }
        return constraints.stream().map(c -> c == null ? null : c.strip()).collect(java.util.stream.Collectors.toList());
    }

    /**
     * The engine of a task of {@code type} that names {@code engine} (null: none): a Bayesian task
     * without one gets {@link TaskDefaults#ENGINE}; otherwise it is kept as given.
     */
    public static String engine(String type, String engine) {
        return engine == null && TaskType.BAYESIAN_TPE.is(type) ? TaskDefaults.ENGINE : engine;
    }

    /**
     * The batch size of a task of {@code type} with {@code maxExecutions} executions that gives
     * {@code batchSize} (0: none): none means {@link TaskDefaults#BAYESIAN_BATCH_SIZE} for a Bayesian
     * task and the whole execution count for the others; either way at most {@code maxExecutions}.
     * With no execution count (0) it stays as given, for the validator to report.
     */
    public static int batchSize(String type, int batchSize, int maxExecutions) {
        int n = batchSize;
        if (n == 0 && maxExecutions > 0) {
            n = TaskType.BAYESIAN_TPE.is(type) ? Math.min(TaskDefaults.BAYESIAN_BATCH_SIZE, maxExecutions)
                    : maxExecutions;
        }
        return maxExecutions > 0 && n > maxExecutions ? maxExecutions : n;
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

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
