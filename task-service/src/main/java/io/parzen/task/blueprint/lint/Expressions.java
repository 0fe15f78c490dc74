package io.parzen.task.blueprint.lint;

import io.parzen.task.blueprint.ExpressionColumns;
import io.parzen.events.condition.ConditionSyntaxException;
import io.parzen.events.condition.StopCondition;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** Checks a {@code stop-condition} with Parzen's stop-condition language, at the character that is wrong. */
final class Expressions {

    private Expressions() {
    }

    /**
     * Reports an error at each entry of a task's Parzen extension key {@code constraints} (ADR 0033) that is a
     * string but not a constraint {@code <expression> <op> <number>}; the shape (a list of strings) is the schema's.
     */
    static void checkConstraints(Node owner, String path, String name, Report report) {
        Node list = Yaml.entries(owner).get("constraints");
        if (list == null) {
            return;
        }
        java.util.List<Node> items = Yaml.items(list);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String text = Yaml.string(item);
            if (text == null) {
                continue;
            }
            try {
                io.parzen.events.condition.Constraint.parse(text);
            } catch (ConditionSyntaxException e) {
                report.add(io.parzen.task.blueprint.LintMessage.error(Yaml.line(item), Yaml.column(item),
                        path + ".constraints[" + i + "]", "Task " + name + ", constraint '" + text
                                + "' is not valid: " + e.getMessage()));
            }
        }
    }

    /**
     * Reports an error when {@code owner}'s {@code stop-condition} does not parse.
     *
     * @param objectType "Step" or "Task", as valohai-yaml words it
     */
    static void check(Node owner, String path, String objectType, String name, Report report) {
        Map<String, Node> entries = Yaml.entries(owner);
        Node node = entries.get("stop-condition");
        String expression = Yaml.string(node);
        if (expression == null) {
            return;
        }
        try {
            StopCondition.parse(expression);
        } catch (ConditionSyntaxException e) {
            int offset = ExpressionColumns.offset(node, expression, e.position());
            report.add(io.parzen.task.blueprint.LintMessage.error(Yaml.line(node), Yaml.column(node) + offset,
                    path + ".stop-condition", objectType + " " + name + ", `stop-condition` is not a valid expression: "
                            + e.getMessage()));
        }
    }
}
