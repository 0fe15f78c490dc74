package io.parzen.task.blueprint.lint;

import static io.parzen.task.blueprint.lint.Shape.any;
import static io.parzen.task.blueprint.lint.Shape.bool;
import static io.parzen.task.blueprint.lint.Shape.either;
import static io.parzen.task.blueprint.lint.Shape.integer;
import static io.parzen.task.blueprint.lint.Shape.list;
import static io.parzen.task.blueprint.lint.Shape.mapOf;
import static io.parzen.task.blueprint.lint.Shape.number;
import static io.parzen.task.blueprint.lint.Shape.object;
import static io.parzen.task.blueprint.lint.Shape.oneOf;
import static io.parzen.task.blueprint.lint.Shape.pattern;
import static io.parzen.task.blueprint.lint.Shape.scalar;
import static io.parzen.task.blueprint.lint.Shape.string;

import io.parzen.task.blueprint.lint.Yaml.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The shape of every valohai.yaml item, as Valohai's published schema defines it (written for
 * Parzen; the keys, types, enumerations and limits follow valohai-yaml's schema).
 */
final class ValohaiSchema {

    private ValohaiSchema() {
    }

    static final Shape STRING_OR_STRINGS = either(string(), list(string()));

    static final Shape ENVIRONMENT_VARIABLE = object().named("an environment variable")
            .prop("name", string()).prop("default", string()).prop("description", string())
            .prop("optional", bool()).required("name");

    static final Shape INPUT = object().named("an input")
            .prop("name", string(64)).prop("default", STRING_OR_STRINGS).prop("description", string())
            .prop("download", oneOf("always", "on-demand")).prop("filename", string())
            .prop("keep-directories", either(bool(), oneOf("none", "full", "suffix")))
            .prop("optional", bool()).required("name");

    static final Shape OUTPUT = object().named("an output").prop("name", string()).prop("description", string())
            .required("name");

    static final Shape MOUNT = either(pattern("^/.+:/.+$", "a mount is written '/source:/destination'"),
            object().named("a mount").prop("source", string())
                    .prop("destination", pattern("^/.+$", "the destination is an absolute path"))
                    .prop("readonly", bool()).prop("type", string()).prop("options", mapOf(any()))
                    .required("source", "destination"));

    static final Shape PARAMETER = object().named("a parameter")
            .prop("name", string()).prop("type", oneOf("flag", "float", "integer", "string"))
            .prop("default", any()).prop("description", string()).prop("category", string())
            .prop("min", number()).prop("max", number()).prop("choices", list(any()))
            .prop("multiple", oneOf("none", "repeat", "separate")).prop("multiple-separator", string())
            .prop("optional", bool()).prop("pass-as", string()).prop("pass-true-as", string())
            .prop("pass-false-as", string())
            .prop("widget", either(string(), object().named("a widget").open().prop("type", string())
                    .prop("settings", mapOf(any())).required("type")))
            .required("name");

    static final Shape MIN_MAX = object().named("a resource").prop("min", number()).prop("max", number());

    static final Shape MIN_MAX_INTEGER = object().named("a resource").prop("min", integer()).prop("max", integer());

    static final Shape DEVICES = mapOf(number(1, Double.MAX_VALUE));

    static final Shape STEP = object().named("a step")
            .prop("name", string()).prop("image", string()).prop("command", STRING_OR_STRINGS)
            .prop("description", string()).prop("category", string()).prop("icon", string())
            .prop("environment", string()).prop("environment-variable-groups", list(string()))
            .prop("environment-variables", list(ENVIRONMENT_VARIABLE)).prop("inputs", list(INPUT))
            .prop("mounts", list(MOUNT)).prop("cache-volumes", list(string()))
            .prop("no-output-timeout", either(integer(), string())).prop("time-limit", either(integer(), string()))
            .prop("outputs", list(OUTPUT)).prop("parameters", list(PARAMETER))
            .prop("resources", object().named("resources").prop("cpu", MIN_MAX).prop("devices", DEVICES)
                    .prop("memory", MIN_MAX))
            .prop("runtime-config-preset", string()).prop("source-path", string())
            .prop("stop-condition", string()).prop("upload-store", string(64))
            .required("name", "image", "command");

    static final Shape VARIANT_RULES = object().named("the rules")
            .prop("base", number()).prop("count", number()).prop("distribution", string()).prop("end", number())
            .prop("integerify", bool()).prop("numberify", bool())
            .prop("items", list(scalar("a number, a string or a boolean", Kind.INTEGER, Kind.FLOAT, Kind.STRING,
                    Kind.BOOLEAN)))
            .prop("max", number()).prop("min", number()).prop("seed", number()).prop("start", number())
            .prop("step", number())
            // valohai-yaml's schema says number; Valohai's own examples give strings and booleans too
            .prop("value", scalar("a number, a string or a boolean", Kind.INTEGER, Kind.FLOAT, Kind.STRING,
                    Kind.BOOLEAN));

    static final Shape VARIANT_PARAMETER = object().named("a variant parameter")
            .prop("name", string()).prop("rules", VARIANT_RULES)
            .prop("style", oneOf("linear", "logspace", "multiple", "random", "single"))
            .required("name", "rules", "style");

    static final Shape TASK = object().named("a task")
            .prop("name", string()).prop("step", string()).prop("type", string()).prop("description", string())
            .prop("engine", string()).prop("execution-batch-size", integer()).prop("execution-count", integer())
            .prop("maximum-queued-executions", integer()).prop("on-child-error", string())
            .prop("optimization-target-metric", string()).prop("optimization-target-value", number())
            .prop("parameter-sets", list(mapOf(any()))).prop("parameters", list(VARIANT_PARAMETER))
            .prop("reuse-children", bool()).prop("stop-condition", string()).prop("environment", string())
            // Parzen's extensions for multi-objective tasks (docs/decisions/0032); Valohai has none
            .prop("optimization-targets", list(object().named("an objective").prop("metric", string())
                    .prop("direction", oneOf("maximize", "minimize")).required("metric", "direction")))
            .prop("optimization-reference-point", list(number()))
            .prop("pruner", mapOf(any())) // Parzen's extension key (docs/decisions/0031)
            .prop("constraints", list(string())) // Parzen's extension key (docs/decisions/0033)
            .prop("warm-start-from", list(string())) // Parzen's extension key (docs/decisions/0034)
            .required("name", "step")
            .rule((node, path, report) -> {
                Map<String, Node> e = Yaml.entries(node);
                if (!e.containsKey("parameters") && !e.containsKey("parameter-sets")) {
                    report.error(node, path, "a task needs 'parameters' (the variant parameters) or 'parameter-sets'");
                }
            });

    static final Shape FILE = object().named("a file").prop("name", string()).prop("path", string())
            .prop("description", string()).required("name", "path");

    static final Shape TOLERATION = object().named("a toleration")
            .prop("key", string()).prop("operator", oneOf("Exists", "Equal")).prop("value", string())
            .prop("effect", oneOf("PreferNoSchedule", "NoSchedule", "NoExecute"))
            .rule((node, path, report) -> {
                Map<String, Node> e = Yaml.entries(node);
                if (!e.containsKey("key") && !"Exists".equals(Yaml.string(e.get("operator")))) {
                    report.error(node, path, "a toleration needs 'key', unless its 'operator' is Exists");
                }
                if (e.containsKey("key") && "Exists".equals(Yaml.string(e.get("operator")))) {
                    // valohai-yaml: oneOf [required key, operator Exists without key] -> both is an error
                    report.error(node, path, "a toleration with operator Exists must not have a 'key'");
                }
            });

    static final Shape ENDPOINT = object().named("an endpoint")
            .prop("name", pattern("^[a-z][a-z0-9-]+$", "an endpoint name starts with a lowercase letter, followed"
                    + " by one or more lowercase letters, digits or dashes"))
            .prop("image", string()).prop("description", string()).prop("files", list(FILE))
            .prop("node-selector", pattern("=", "a node selector is written 'label=value'"))
            .prop("port", number(1025, 65535)).prop("server-command", STRING_OR_STRINGS).prop("wsgi", string())
            .prop("tolerations", list(TOLERATION))
            .prop("resources", object().named("resources").prop("cpu", MIN_MAX).prop("devices", DEVICES)
                    .prop("ephemeral-storage", MIN_MAX_INTEGER).prop("memory", MIN_MAX))
            .required("name", "image")
            .rule((node, path, report) -> {
                Map<String, Node> e = Yaml.entries(node);
                boolean server = e.containsKey("server-command");
                boolean wsgi = e.containsKey("wsgi");
                if (server == wsgi) {
                    report.error(node, path, server ? "an endpoint has 'server-command' or 'wsgi', not both"
                            : "an endpoint needs 'server-command' or 'wsgi'");
                }
            });

    static final Shape DEPLOYMENT = object().named("a deployment").prop("name", string())
            .prop("defaults", object().named("defaults").open().prop("target", string()).required("target"))
            .required("name");

    static final Shape NODE_ACTION = object().named("an action").prop("when", STRING_OR_STRINGS)
            .prop("if", STRING_OR_STRINGS).prop("then", STRING_OR_STRINGS).required("when", "then");

    /** Open: unknown keys are a warning of {@link PipelineRules}, as in valohai-yaml's linter. */
    static final Shape OVERRIDE = object().named("an override").open()
            .prop("command", STRING_OR_STRINGS).prop("environment", string())
            .prop("environment-variables", list(ENVIRONMENT_VARIABLE)).prop("image", string())
            .prop("inputs", list(INPUT)).prop("mounts", list(MOUNT)).prop("parameters", list(PARAMETER))
            .prop("runtime-config-preset", string());

    private static Shape.Obj runNode(String type) {
        return object().named("a " + type + " node")
                .prop("name", string()).prop("type", string()).prop("step", string()).prop("commit", string())
                .prop("actions", list(NODE_ACTION)).prop("edge-merge-mode", oneOf("replace", "append"))
                .prop("on-error", oneOf("stop-all", "stop-next", "continue", "retry"))
                .prop("override", OVERRIDE);
    }

    static final Shape EXECUTION_NODE = runNode("execution").required("name", "step", "type");

    static final Shape TASK_NODE = runNode("task").prop("task", string()).required("name", "type")
            .rule((node, path, report) -> {
                Map<String, Node> e = Yaml.entries(node);
                if (e.containsKey("step") == e.containsKey("task")) {
                    report.error(node, path, e.containsKey("step") ? "a task node names a 'step' or a 'task', not both"
                            : "a task node needs 'step' or 'task' (a task blueprint)");
                }
            });

    static final Shape DEPLOYMENT_NODE = object().named("a deployment node")
            .prop("name", string()).prop("type", string()).prop("deployment", string())
            .prop("actions", list(NODE_ACTION)).prop("aliases", list(string())).prop("endpoints", list(string()))
            .prop("on-error", oneOf("stop-all", "stop-next", "continue"))
            .required("name", "deployment", "type");

    static final Shape NODE = Shape.select("type", nodeTypes());

    private static Map<String, Shape> nodeTypes() {
        Map<String, Shape> m = new LinkedHashMap<>();
        m.put("execution", EXECUTION_NODE);
        m.put("task", TASK_NODE);
        m.put("deployment", DEPLOYMENT_NODE);
        return m;
    }

    static final Shape EDGE = either(list(string(), 2), object().named("an edge").prop("source", string())
            .prop("target", string()).prop("configuration", mapOf(any())).required("source", "target"));

    static final Shape PIPELINE_PARAMETER = object().named("a pipeline parameter")
            .prop("name", string()).prop("default", any()).prop("description", string()).prop("category", string())
            .prop("target", string()).prop("targets", STRING_OR_STRINGS);

    static final Shape PIPELINE = object().named("a pipeline")
            .prop("name", string()).prop("nodes", list(NODE)).prop("edges", list(EDGE))
            .prop("parameters", list(PIPELINE_PARAMETER)).prop("reuse-executions", bool())
            .required("name", "nodes", "edges");

    /** The top-level item kinds and their shapes; {@code blueprint} is Valohai's old name for a pipeline. */
    static final Map<String, Shape> ITEMS = items();

    private static Map<String, Shape> items() {
        Map<String, Shape> m = new LinkedHashMap<>();
        m.put("step", STEP);
        m.put("task", TASK);
        m.put("endpoint", ENDPOINT);
        m.put("pipeline", PIPELINE);
        m.put("blueprint", PIPELINE);
        m.put("deployment", DEPLOYMENT);
        return m;
    }

    static final List<String> ITEM_KINDS = List.copyOf(ITEMS.keySet());
}
