package io.parzen.executor.command;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@code /bin/sh -c} script of a Valohai command list (or of one command that uses shell
 * syntax), with every interpolated parameter value single-quoted so that the shell never interprets
 * it (see docs/decisions/0010-command-lists-through-a-shell.md).
 *
 * <p>The user's command text is shell code and is kept as it is; only the placeholders
 * {@code {parameters}}, {@code {params}}, {@code {parameter:NAME}} and {@code {parameter-value:NAME}}
 * are replaced, each by quoted text that fits the quoting context it appears in:
 * <ul>
 *   <li>outside quotes: every argument single-quoted, separated by spaces ({@code '--lr=0.1' '--n=3'});</li>
 *   <li>inside {@code "…"}: the double quote is closed, the space-joined arguments are inserted as one
 *       single-quoted word, and the double quote is reopened ({@code "lr="'0.1'""});</li>
 *   <li>inside {@code '…'}: likewise with the single quote ({@code 'lr='"'"'…'}).</li>
 * </ul>
 * A placeholder inside {@code $(…)}, {@code `…`}, {@code ${…}}, a here-document or a {@code case}
 * command is refused (its quoting context is not tracked); a placeholder in a {@code #} comment is left
 * as it is. The script starts with {@code set -e} and runs each command on its own line, so it stops
 * at the first failing command, in one working directory.
 */
public final class ShellScript {

    /** The shell that runs the script. */
    public static final String SHELL = "/bin/sh";

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{(parameters|params|parameter:([^{}]+)|parameter-value:([^{}]+))}");
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
    private static final Pattern KEYWORD = Pattern.compile(
            "^\\s*(if|then|else|elif|fi|for|while|until|do|done|case|esac|function|!|\\{|\\}|\\[\\[)(\\s.*|)$",
            Pattern.DOTALL);
    private static final Pattern CASE_WORD = Pattern.compile("(^|[\\s;&|()])case\\s");

    private ShellScript() {
    }

    /** The argv that runs {@code script}: {@code /bin/sh -c script}. */
    public static List<String> argv(String script) {
        return List.of(SHELL, "-c", script);
    }

    /**
     * The script of {@code commands}: {@code set -e}, then each command, placeholders replaced by
     * quoted values.
     *
     * @throws IllegalArgumentException naming the command (1-based) that is unterminated, empty, or
     *                                  uses a placeholder where it cannot be quoted safely
     */
    public static String build(List<String> commands, Map<String, ?> parameters, Map<String, String> passAs) {
        return build(commands, parameters, passAs, ListValues.NONE);
    }

    /** {@link #build(List, Map, Map)} with the list values' modes ({@link ListValues}). */
    public static String build(List<String> commands, Map<String, ?> parameters, Map<String, String> passAs,
            ListValues lists) {
        if (commands == null || commands.isEmpty()) {
            throw new IllegalArgumentException("the command list is empty");
        }
        Map<String, ?> params = parameters == null ? Map.of() : parameters;
        Map<String, String> templates = passAs == null ? Map.of() : passAs;
        StringBuilder script = new StringBuilder("set -e\n");
        for (int i = 0; i < commands.size(); i++) {
            String command = commands.get(i);
            if (command == null || command.isBlank()) {
                throw new IllegalArgumentException("command " + (i + 1) + " is empty");
            }
            try {
                script.append(interpolate(command, params, templates, lists)).append('\n');
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        (commands.size() > 1 ? "command " + (i + 1) + ": " : "") + e.getMessage(), e);
            }
        }
        return script.toString();
    }

    /** {@code value} as one POSIX single-quoted word: {@code it's} becomes {@code 'it'"'"'s'}. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }

    /**
     * Whether one command uses shell syntax and so needs {@code /bin/sh}: outside quotes an operator or
     * expansion character ({@code | & ; < > ( ) $ `}, a glob {@code * ? [}, a newline, {@code #} or
     * {@code ~} at the start of a word), {@code $} or {@code `} inside double quotes, a leading
     * variable assignment ({@code A=1 cmd}) or a leading shell keyword. A command without any of
     * these runs as an argv (ADR 0003).
     */
    public static boolean needsShell(String command) {
        if (command == null) {
            return false;
        }
        if (ASSIGNMENT.matcher(command).matches() || KEYWORD.matcher(command).matches()) {
            return true;
        }
        char quote = 0;
        boolean wordStart = true;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                }
                continue;
            }
            if (quote == '"') {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quote = 0;
                } else if (c == '$' || c == '`') {
                    return true;
                }
                continue;
            }
            switch (c) {
                case '\\' -> {
                    i++;
                    wordStart = false;
                }
                case '\'', '"' -> {
                    quote = c;
                    wordStart = false;
                }
                case ' ', '\t' -> wordStart = true;
                case '|', '&', ';', '<', '>', '(', ')', '$', '`', '*', '?', '[', '\n', '\r' -> {
                    return true;
                }
                case '#', '~' -> {
                    if (wordStart) {
                        return true;
                    }
                }
                default -> wordStart = false;
            }
        }
        return false;
    }

    private enum Quote { NONE, SINGLE, DOUBLE }

    private enum Frame { PAREN, BACKTICK, BRACE }

    /** One command with its placeholders replaced by quoted values; see the class comment. */
    static String interpolate(String command, Map<String, ?> params, Map<String, String> passAs, ListValues lists) {
        boolean untracked = command.contains("<<") || CASE_WORD.matcher(command).find();
        StringBuilder out = new StringBuilder();
        Deque<Frame> frames = new ArrayDeque<>();
        Deque<Quote> saved = new ArrayDeque<>();
        Quote q = Quote.NONE;
        boolean comment = false;
        boolean wordStart = true;
        int n = command.length();
        int i = 0;
        while (i < n) {
            char c = command.charAt(i);
            if (comment) {
                out.append(c);
                if (c == '\n') {
                    comment = false;
                    wordStart = true;
                }
                i++;
                continue;
            }
            if (c == '{') {
                Matcher m = PLACEHOLDER.matcher(command).region(i, n);
                if (m.lookingAt()) {
                    if (untracked || !frames.isEmpty()) {
                        throw new IllegalArgumentException("'" + m.group() + "' is inside $(…), `…`, ${…}, a"
                                + " here-document or a case command, where its value cannot be quoted safely;"
                                + " use it outside, e.g. assign it first: X={parameter-value:NAME}");
                    }
                    out.append(render(m, q, params, passAs, lists));
                    i = m.end();
                    wordStart = false;
                    continue;
                }
            }
            if (q == Quote.SINGLE) {
                out.append(c);
                if (c == '\'') {
                    q = Quote.NONE;
                }
                i++;
                continue;
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("trailing backslash in: " + command);
                }
                out.append(c).append(command.charAt(i + 1));
                i += 2;
                wordStart = false;
                continue;
            }
            if (q == Quote.DOUBLE) {
                if (c == '"') {
                    q = Quote.NONE;
                } else if (c == '$' && i + 1 < n && (command.charAt(i + 1) == '(' || command.charAt(i + 1) == '{')) {
                    out.append(c).append(command.charAt(i + 1));
                    push(frames, saved, command.charAt(i + 1) == '(' ? Frame.PAREN : Frame.BRACE, q);
                    q = Quote.NONE;
                    i += 2;
                    continue;
                } else if (c == '`') {
                    out.append(c);
                    push(frames, saved, Frame.BACKTICK, q);
                    q = Quote.NONE;
                    i++;
                    continue;
                }
                out.append(c);
                i++;
                continue;
            }
            // outside quotes (at the top or inside a substitution)
            boolean startsWord = wordStart;
            wordStart = c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '('
                    || c == ')';
            switch (c) {
                case '\'' -> q = Quote.SINGLE;
                case '"' -> q = Quote.DOUBLE;
                case '#' -> comment = startsWord;
                case '$' -> {
                    if (i + 1 < n && (command.charAt(i + 1) == '(' || command.charAt(i + 1) == '{')) {
                        out.append(c).append(command.charAt(i + 1));
                        push(frames, saved, command.charAt(i + 1) == '(' ? Frame.PAREN : Frame.BRACE, q);
                        i += 2;
                        continue;
                    }
                }
                case '(' -> push(frames, saved, Frame.PAREN, q);
                case ')' -> {
                    if (frames.peek() == Frame.PAREN) {
                        frames.pop();
                        q = saved.pop();
                    } else if (frames.isEmpty()) {
                        untracked = true;
                    }
                }
                case '}' -> {
                    if (frames.peek() == Frame.BRACE) {
                        frames.pop();
                        q = saved.pop();
                    }
                }
                case '`' -> {
                    if (frames.peek() == Frame.BACKTICK) {
                        frames.pop();
                        q = saved.pop();
                    } else {
                        push(frames, saved, Frame.BACKTICK, q);
                    }
                }
                default -> {
                }
            }
            out.append(c);
            i++;
        }
        if (q != Quote.NONE) {
            throw new IllegalArgumentException("unterminated " + (q == Quote.SINGLE ? "single" : "double")
                    + " quote in: " + command);
        }
        if (!frames.isEmpty()) {
            throw new IllegalArgumentException("unterminated " + switch (frames.peek()) {
                case PAREN -> "'(' or '$('";
                case BACKTICK -> "'`'";
                case BRACE -> "'${'";
            } + " in: " + command);
        }
        return out.toString();
    }

    private static void push(Deque<Frame> frames, Deque<Quote> saved, Frame frame, Quote q) {
        frames.push(frame);
        saved.push(q);
    }

    private static String render(Matcher m, Quote q, Map<String, ?> params, Map<String, String> passAs,
            ListValues lists) {
        List<String> args;
        if (m.group(3) != null) {
            String name = m.group(3);
            if (!params.containsKey(name)) {
                throw new IllegalArgumentException("the command uses {parameter-value:" + name
                        + "} but there is no parameter '" + name + "'");
            }
            args = List.of(ParameterValues.valueText(params.get(name)));
        } else if (m.group(2) != null) {
            Object value = params.get(m.group(2));
            args = value == null ? List.of()
                    : CommandTemplate.passAsArguments(m.group(2), value, passAs.get(m.group(2)), lists);
        } else {
            args = CommandTemplate.allArguments(params, passAs, lists);
        }
        return switch (q) {
            case NONE -> String.join(" ", args.stream().map(ShellScript::quote).toList());
            case DOUBLE -> "\"" + quote(String.join(" ", args)) + "\"";
            case SINGLE -> "'" + quote(String.join(" ", args)) + "'";
        };
    }
}
