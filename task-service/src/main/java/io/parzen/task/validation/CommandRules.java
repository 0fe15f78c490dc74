package io.parzen.task.validation;

import io.parzen.events.TaskSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A task runs one command ({@code command}) or a list of commands ({@code commands}, Valohai's
 * command list, run in order through a POSIX shell); exactly one of them, none blank.
 */
final class CommandRules {

    private CommandRules() {
    }

    static List<FieldError> validate(TaskSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        List<String> commands = spec.commands();
        if (commands == null) {
            if (spec.command() == null || spec.command().isBlank()) {
                errors.add(new FieldError("command", spec.command(),
                        "is required: the command template, e.g. \"python3 train.py {parameters}\", or a list of"
                                + " commands run in order, e.g. [\"pip install -r requirements.txt\","
                                + " \"python3 train.py {parameters}\"]"));
            }
            return errors;
        }
        if (spec.command() != null) {
            errors.add(new FieldError("command", spec.command(), "give either one command or a list, not both"));
        }
        if (commands.isEmpty()) {
            errors.add(new FieldError("command", commands, "the command list is empty; give at least one command"));
        }
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i) == null || commands.get(i).isBlank()) {
                errors.add(new FieldError("command[" + i + "]", commands.get(i), "must be a non-blank command"));
            }
        }
        return errors;
    }
}
