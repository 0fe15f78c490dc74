package io.parzen.task.blueprint.lint;

import io.parzen.task.blueprint.lint.ValohaiLinter.Item;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** valohai-yaml's linter rules for a step: its parameters, its stop condition, its runtime preset. */
final class StepRules {

    /** A YAML 1.1 timestamp: PyYAML (Valohai) reads it as a date/time, not as a string. */
    private static final Pattern TIMESTAMP = Pattern.compile("^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
            + "(?:(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$");

    private StepRules() {
    }

    static void lint(Item step, Report report) {
        Map<String, Node> e = Yaml.entries(step.value());
        String prefix = "Step " + step.name();
        List<Node> parameters = Yaml.items(e.get("parameters"));
        for (int i = 0; i < parameters.size(); i++) {
            parameter(parameters.get(i), step.path() + ".parameters[" + i + "]", prefix, report);
        }
        Expressions.check(step.value(), step.path(), "Step", step.name(), report);
        presetNeedsEnvironment(step.value(), step.path(), "Step \"" + step.name() + "\"", report);
    }

    /** A runtime config preset is chosen per environment: without one it means nothing. */
    static void presetNeedsEnvironment(Node owner, String path, String what, Report report) {
        Map<String, Node> e = Yaml.entries(owner);
        if (Yaml.truthy(Yaml.value(e.get("runtime-config-preset"))) && !Yaml.truthy(Yaml.value(e.get("environment")))) {
            report.error(e.get("runtime-config-preset"), path + ".runtime-config-preset", what + ", missing"
                    + " \"environment\". When specifying a runtime config preset, you must also specify an environment.");
        }
    }

    private static void parameter(Node node, String path, String stepPrefix, Report report) {
        Map<String, Node> e = Yaml.entries(node);
        Map<String, Node> keys = Yaml.keys(node);
        String name = Yaml.string(e.get("name"));
        String type = e.containsKey("type") ? Yaml.string(e.get("type")) : "string";
        String prefix = stepPrefix + ", parameter " + name;
        boolean passAs = Yaml.truthy(Yaml.value(e.get("pass-as")));
        boolean passTrueAs = Yaml.truthy(Yaml.value(e.get("pass-true-as")));
        boolean passFalseAs = Yaml.truthy(Yaml.value(e.get("pass-false-as")));
        if ("flag".equals(type)) {
            if (Yaml.truthy(Yaml.value(e.get("optional")))) {
                report.warning(keys.get("optional"), path + ".optional", prefix
                        + ": `optional` has no effect on flag-type parameters");
            }
            if ((passTrueAs || passFalseAs) && passAs) {
                report.warning(keys.get("pass-as"), path + ".pass-as", prefix
                        + ": `pass-as` has no effect with `pass-true-as`/`pass-false-as`");
            }
        } else {
            if (passTrueAs) {
                report.warning(keys.get("pass-true-as"), path + ".pass-true-as", prefix
                        + ": `pass-true-as` has no effect on non-flag parameters");
            }
            if (passFalseAs) {
                report.warning(keys.get("pass-false-as"), path + ".pass-false-as", prefix
                        + ": `pass-false-as` has no effect on non-flag parameters");
            }
        }
        Node defaultNode = e.get("default");
        if (!Yaml.truthy(Yaml.value(defaultNode))) {
            return;
        }
        List<Node> atoms = Yaml.kind(defaultNode) == Yaml.Kind.ARRAY ? Yaml.items(defaultNode) : List.of(defaultNode);
        for (Node atom : atoms) {
            String problem = ParameterValues.problem(type, e, atom);
            if (problem == null && "string".equals(type) && atom instanceof ScalarNode s && s.isPlain()
                    && TIMESTAMP.matcher(s.getValue()).matches()) {
                problem = s.getValue() + " is not a string: YAML reads it as a date/time; quote it";
            }
            if (problem != null) {
                report.warning(atom, path + ".default", prefix + ": default " + problem);
            }
        }
    }
}
