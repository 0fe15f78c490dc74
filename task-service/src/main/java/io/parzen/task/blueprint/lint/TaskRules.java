package io.parzen.task.blueprint.lint;

import io.parzen.task.blueprint.lint.ValohaiLinter.Item;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * valohai-yaml's linter rules for a task blueprint, and Parzen's decisions where Valohai's server
 * decides (see docs/valohai-lint.md).
 */
final class TaskRules {

    static final List<String> TYPES = List.of("bayesian_tpe", "grid_search", "distributed", "random_search",
            "manual_search");
    static final List<String> ON_CHILD_ERROR = List.of("continue-and-complete", "continue-and-error",
            "stop-all-and-error");
    /** Task keys that only a Bayesian task uses (valohai-yaml's names). */
    private static final List<String> BAYESIAN_ONLY = List.of("engine", "optimization-target-metric",
            "optimization-target-value");

    private TaskRules() {
    }

    static void lint(Item task, Report report) {
        Map<String, Node> e = Yaml.entries(task.value());
        Map<String, Node> keys = Yaml.keys(task.value());
        String type = type(e.get("type"));
        if (type != null && !TYPES.contains(type)) {
            report.error(e.get("type"), task.path() + ".type", "Task " + task.name() + ": unknown type '"
                    + Yaml.string(e.get("type")) + "'; allowed: " + String.join(", ", TYPES)
                    + " (case-insensitive, '-' read as '_')");
            return;
        }
        String onChildError = Yaml.string(e.get("on-child-error"));
        if (onChildError != null && !onChildError.isEmpty()
                && !ON_CHILD_ERROR.contains(onChildError.toLowerCase(Locale.ROOT).replace('_', '-'))) {
            report.error(e.get("on-child-error"), task.path() + ".on-child-error", "Task " + task.name()
                    + ": unknown on-child-error '" + onChildError + "'; allowed: " + String.join(", ", ON_CHILD_ERROR));
        }
        Expressions.check(task.value(), task.path(), "Task", task.name(), report);
        Expressions.checkConstraints(task.value(), task.path(), task.name(), report);
        String effective = type == null ? "grid_search" : type;
        if (Yaml.truthy(Yaml.value(e.get("parameter-sets"))) && !effective.equals("manual_search")) {
            report.warning(keys.get("parameter-sets"), task.path() + ".parameter-sets",
                    "Parameter sets only make sense with manual search");
        }
        if (!effective.equals("bayesian_tpe")) {
            for (String key : BAYESIAN_ONLY) {
                if (e.containsKey(key) && Yaml.value(e.get(key)) != null) {
                    report.warning(keys.get(key), task.path() + "." + key, key.replace('-', '_')
                            + " only makes sense for Bayesian TPE tasks");
                }
            }
        }
        if (effective.equals("distributed")) {
            report.error(e.get("type"), task.path() + ".type", "Task " + task.name() + ": Parzen cannot run"
                    + " distributed tasks: they need N workers started together that reach each other over the"
                    + " network, and Parzen's executor runs independent local processes; use grid_search,"
                    + " random_search, bayesian_tpe or manual_search");
        }
    }

    /** The normalized type ({@code Grid-Search} is {@code grid_search}), or null when unset. */
    static String type(Node node) {
        String t = Yaml.string(node);
        return t == null || t.isEmpty() ? null : t.toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
