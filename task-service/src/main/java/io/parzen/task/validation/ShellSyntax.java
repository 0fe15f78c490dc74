package io.parzen.task.validation;

/**
 * Whether a command of a command list may need a POSIX shell: it holds a character the shell would
 * interpret ({@code | & ; < > ( ) $ ` * ? [ # ~} or a newline). Such a command stays a one-element
 * command list, which the executor runs through {@code /bin/sh -c} (ADR 0010) — a task's single
 * {@code command} never goes through a shell (ADR 0003). Conservative on purpose: the executor
 * decides exactly, and runs a list of one plain command as an argv anyway.
 */
public final class ShellSyntax {

    private static final String SHELL_CHARACTERS = "|&;<>()$`*?[#~\n";

    private ShellSyntax() {
    }

    public static boolean mayNeedShell(String command) {
        if (command == null) {
            return false;
        }
        for (int i = 0; i < command.length(); i++) {
            if (SHELL_CHARACTERS.indexOf(command.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
