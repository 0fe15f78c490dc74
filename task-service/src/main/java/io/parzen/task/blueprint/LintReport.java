package io.parzen.task.blueprint;

import java.util.List;

/**
 * The answer of a blueprint lint: what the blueprint holds and what is wrong with it.
 *
 * @param valid true when there is no error at all (warnings allowed)
 * @param steps names of the steps found, in document order
 * @param tasks names of the tasks found, in document order
 * @param errors every error, in document order
 * @param warnings every warning, in document order
 */
public record LintReport(boolean valid, List<String> steps, List<String> tasks, List<LintMessage> errors,
        List<LintMessage> warnings) {
}
