package io.parzen.executor.command;

import java.util.List;
import java.util.Map;

/**
 * Chooses how an execution's command runs. A task's single {@code command} always runs as an argv,
 * never through a shell (ADR 0003, {@link CommandTemplate}): shell syntax in it reaches the program
 * literally. A command list (Valohai's {@code command:} list) runs as one {@code /bin/sh -c} script
 * with every value quoted (ADR 0010, {@link ShellScript}); a list of one command without shell syntax
 * still runs as an argv.
 */
public final class CommandArgv {

    private CommandArgv() {
    }

    /**
     * The argv of an execution.
     *
     * @param command the one command, or null when {@code commands} is given
     * @param commands the command list, or null/empty for one command
     * @throws IllegalArgumentException if the command(s) cannot be expanded; the message says why
     */
    public static List<String> of(String command, List<String> commands, Map<String, ?> parameters,
            Map<String, String> passAs) {
        return of(command, commands, parameters, passAs, ListValues.NONE);
    }

    /** {@link #of(String, List, Map, Map)} with the list values' modes (Valohai's {@code multiple}). */
    public static List<String> of(String command, List<String> commands, Map<String, ?> parameters,
            Map<String, String> passAs, ListValues lists) {
        if (commands != null && !commands.isEmpty()) {
            if (commands.size() == 1 && !ShellScript.needsShell(commands.get(0))) {
                return CommandTemplate.expand(commands.get(0), parameters, passAs, lists);
            }
            return ShellScript.argv(ShellScript.build(commands, parameters, passAs, lists));
        }
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("the command is empty");
        }
        return CommandTemplate.expand(command, parameters, passAs, lists);
    }
}
