package io.parzen.task.blueprint;

/**
 * Entry point for valohai.yaml blueprints.
 *
 * <pre>
 * BlueprintDocument doc = Blueprint.parse(yaml);
 * LintReport report = doc.lint();                 // POST /api/v1/blueprints/lint
 * TaskSpec spec = doc.toTaskSpec("my task");       // POST /api/v1/tasks/from-blueprint?task=NAME
 * </pre>
 *
 * <p>{@link BlueprintDocument#lint()} adds the whole-file lint of
 * {@link io.parzen.task.blueprint.lint.ValohaiLinter} (what valohai-yaml's linter says); see
 * docs/valohai-lint.md.
 *
 * <p>Parsing never throws: YAML syntax errors, schema errors (unknown keys, wrong types, snake_case
 * keys) and Parzen's limits become {@link LintMessage}s with 1-based line and column. The task
 * schema is Valohai's ({@code additionalProperties: false}, kebab-case keys); {@code type} is
 * lowercased with {@code -} read as {@code _} (missing means {@code grid_search});
 * {@code on-child-error} is lowercased with {@code _} read as {@code -}.
 *
 * <p>How a task becomes a {@link io.parzen.events.TaskSpec}:
 * <ul>
 * <li>{@code command}: the step's command, verbatim ({@code {parameters}}, {@code {parameter:NAME}},
 * {@code {parameter-value:NAME}} are expanded by the executor). A list of one command is that
 * command; a list of several is an error (Parzen runs one argv, never a shell).</li>
 * <li>Parameters, in the step's definition order. grid_search / random_search: the variant's
 * {@code style} and {@code rules}. bayesian_tpe: {@code single} and {@code multiple} become a
 * categorical; {@code random} becomes its {@code distribution} (uniform by default; loguniform,
 * integer, categorical with items) with min, max and {@code step} as Q.Step (uniform on an integer
 * parameter, or with integerify, becomes integer); {@code linear} becomes uniform (integer for an
 * integer parameter) with step as Q.Step; {@code logspace} becomes loguniform with exponents
 * start·log10(base)..end·log10(base). Step parameters the task does not vary get their default
 * (style single, or a one-value categorical for Bayesian tasks); without a default they are left
 * out. manual_search: every step parameter with its pass-as only; the sets carry the values, with
 * defaults filled in.</li>
 * <li>{@code passAs}: the step parameter's pass-as ({@code --{name}={value}} by default). Flags:
 * pass-true-as, else pass-as, else {@code --{name}}; the executor passes nothing for a false flag
 * (pass-false-as is not supported and warned about).</li>
 * <li>{@code maxExecutions}: execution-count; for grid_search the grid size when missing (or when
 * execution-count is larger); for manual_search the number of sets; for bayesian_tpe without it 50
 * (a warning; ADR 0011). A manual_search given as variant parameters, without parameter-sets, runs
 * as a grid_search over them (a warning). {@code batchSize}:
 * execution-batch-size, else 5 for bayesian_tpe and maxExecutions for the others (capped at
 * maxExecutions).</li>
 * <li>optimization-target-metric/value become {@code target}; stop-condition becomes
 * {@code earlyStopping}; the step's time-limit becomes {@code timeLimitSeconds}; engine defaults to
 * optuna for bayesian_tpe and is dropped for other types.</li>
 * </ul>
 */
public final class Blueprint {

    /** Largest blueprint accepted, in characters. */
    public static final int MAX_LENGTH = 1_000_000;

    private Blueprint() {
    }

    /**
     * What a blueprint may hold besides {@link #MAX_LENGTH} characters: at most {@code aliases}
     * aliases, and at most {@code nodes} YAML nodes once every alias is expanded (a document of
     * nested aliases, "billion laughs", is rejected before anything walks it).
     */
    public record Limits(int aliases, long nodes) {
        /** 50 aliases, 100,000 expanded nodes: far above any real valohai.yaml. */
        public static final Limits DEFAULT = new Limits(50, 100_000);
    }

    /** Parses a valohai.yaml document. Never throws; see {@link BlueprintDocument#messages()}. */
    public static BlueprintDocument parse(String yaml) {
        return parse(yaml, Limits.DEFAULT);
    }

    /** Like {@link #parse(String)} under the given limits. */
    public static BlueprintDocument parse(String yaml, Limits limits) {
        return new BlueprintParser(limits).parse(yaml);
    }

    /** Parses and lints a valohai.yaml document under the given limits. */
    public static LintReport lint(String yaml, Limits limits) {
        return parse(yaml, limits).lint();
    }

    /** Parses and lints a valohai.yaml document. */
    public static LintReport lint(String yaml) {
        return parse(yaml).lint();
    }
}
