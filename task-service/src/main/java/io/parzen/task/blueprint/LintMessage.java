package io.parzen.task.blueprint;

/**
 * One problem found in a valohai.yaml blueprint.
 *
 * @param severity {@value #ERROR} (the blueprint, or the item it is in, cannot be used) or
 *        {@value #WARNING} (it can, but something is ignored or suspicious)
 * @param line 1-based line of the YAML node the message is about
 * @param column 1-based column of that node
 * @param path where in the document, e.g. {@code task "sweep".parameters[1].rules.items}
 * @param message what is wrong and what is allowed instead
 */
public record LintMessage(String severity, int line, int column, String path, String message) {

    public static final String ERROR = "error";
    public static final String WARNING = "warning";

    public static LintMessage error(int line, int column, String path, String message) {
        return new LintMessage(ERROR, line, column, path, message);
    }

    public static LintMessage warning(int line, int column, String path, String message) {
        return new LintMessage(WARNING, line, column, path, message);
    }

    /** {@code line 3, column 5: task "x": ...} */
    public String describe() {
        return severity + " at line " + line + ", column " + column + (path == null || path.isEmpty() ? "" : " (" + path + ")")
                + ": " + message;
    }

    @Override
    public String toString() {
        return describe();
    }
}
