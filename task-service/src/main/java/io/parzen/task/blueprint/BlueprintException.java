package io.parzen.task.blueprint;

import java.util.List;
import java.util.stream.Collectors;

/** A blueprint task that cannot be turned into a task: {@link #errors()} says why, each with its line and column. */
public class BlueprintException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<LintMessage> errors;

    public BlueprintException(List<LintMessage> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    /** The errors, each with line, column, path and message. */
    public List<LintMessage> errors() {
        return errors;
    }

    private static String summary(List<LintMessage> errors) {
        return "blueprint: " + errors.size() + (errors.size() == 1 ? " error: " : " errors: ")
                + errors.stream().map(e -> "line " + e.line() + ", column " + e.column() + ": " + e.message())
                        .collect(Collectors.joining("; "));
    }
}
