package io.parzen.task.blueprint;

import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Where in a YAML line a character of a one-line expression scalar stands, so that an expression
 * error can point at the wrong character: a plain scalar starts at its node's column, a quoted one
 * one character later; in a block or multi-line scalar the node's own column is the best we know.
 */
public final class ExpressionColumns {

    private ExpressionColumns() {
    }

    /** Columns to add to the node's column for the character at {@code position} of {@code expression}. */
    public static int offset(Node node, String expression, int position) {
        if (node instanceof ScalarNode s && !expression.contains("\n")) {
            ScalarStyle style = s.getScalarStyle();
            if (style == ScalarStyle.PLAIN) {
                return position;
            }
            if (style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED) {
                return 1 + position;
            }
        }
        return 0;
    }
}
