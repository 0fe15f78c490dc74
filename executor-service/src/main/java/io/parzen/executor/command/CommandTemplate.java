package io.parzen.executor.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Valohai-style command template and a set of parameter values into the argv of a process.
 *
 * <p>The template is first split into words with {@link CommandLine#split(String)}; the
 * placeholders are then expanded word by word, so a value never goes through a shell and never
 * needs quoting:
 * <ul>
 *   <li>{@code {parameters}} (or {@code {params}}) as a whole word: the arguments of every
 *       parameter, in parameter order, each from its pass-as template;</li>
 *   <li>{@code {parameter:NAME}} as a whole word: the pass-as arguments of one parameter (none if
 *       the parameter has no value);</li>
 *   <li>{@code {parameter-value:NAME}}: just the formatted value, also inside a word
 *       ({@code --lr={parameter-value:lr}}); an unknown name is an error; a list value is written as
 *       valohai-yaml writes it, Python's {@code str(list)}: {@code [64, 32]}, {@code ['a', 'b']}
 *       ({@link ParameterValues#valueText(Object)});</li>
 *   <li>inside a longer word, {@code {parameters}} and {@code {parameter:NAME}} expand to their
 *       arguments joined by single spaces;</li>
 *   <li>any other {@code {...}} text is left as it is.</li>
 * </ul>
 *
 * <p>A pass-as template (default {@value #DEFAULT_PASS_AS}) is itself split into words, so
 * {@code --lr {value}} gives two arguments; in each word {@code {name}} is replaced by the
 * parameter's name and {@code {value}} or {@code {v}} by its value
 * ({@link ParameterValues#format(Object)}). Parameters whose value is {@code null} are omitted.
 */
public final class CommandTemplate {

    /** The pass-as template of a parameter that has none. */
    public static final String DEFAULT_PASS_AS = "--{name}={value}";

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{(parameters|params|parameter:([^{}]+)|parameter-value:([^{}]+))}");

    private CommandTemplate() {
    }

    /**
     * The argv of {@code command} with {@code parameters} (iteration order is parameter order).
     *
     * @param passAs pass-as template per parameter name; may be null or miss names
     * @throws IllegalArgumentException if the command does not split, is empty, or names an
     *                                  unknown parameter in {@code {parameter-value:NAME}}
     */
    public static List<String> expand(String command, Map<String, ?> parameters, Map<String, String> passAs) {
        return expand(command, parameters, passAs, ListValues.NONE);
    }

    /** {@link #expand(String, Map, Map)} with the list values' modes ({@link ListValues}). */
    public static List<String> expand(String command, Map<String, ?> parameters, Map<String, String> passAs,
            ListValues lists) {
        Map<String, ?> params = parameters == null ? Map.of() : parameters;
        Map<String, String> templates = passAs == null ? Map.of() : passAs;
        List<String> argv = new ArrayList<>();
        for (String word : CommandLine.split(command)) {
            Matcher whole = PLACEHOLDER.matcher(word);
            if (whole.matches()) {
                if (whole.group(3) != null) {
                    argv.add(valueOf(whole.group(3), params));
                } else if (whole.group(2) != null) {
                    argv.addAll(argumentsOf(whole.group(2), params, templates, lists));
                } else {
                    argv.addAll(allArguments(params, templates, lists));
                }
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(word);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String replacement;
                if (m.group(3) != null) {
                    replacement = valueOf(m.group(3), params);
                } else if (m.group(2) != null) {
                    replacement = String.join(" ", argumentsOf(m.group(2), params, templates, lists));
                } else {
                    replacement = String.join(" ", allArguments(params, templates, lists));
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(sb);
            argv.add(sb.toString());
        }
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new IllegalArgumentException("the command is empty");
        }
        return argv;
    }

    /** The arguments of every parameter with a value, in parameter order. */
    public static List<String> allArguments(Map<String, ?> parameters, Map<String, String> passAs) {
        return allArguments(parameters, passAs, ListValues.NONE);
    }

    /** The arguments of every parameter with a value, in parameter order, list values per {@code lists}. */
    public static List<String> allArguments(Map<String, ?> parameters, Map<String, String> passAs, ListValues lists) {
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, ?> e : parameters.entrySet()) {
            if (e.getValue() != null) {
                args.addAll(passAsArguments(e.getKey(), e.getValue(), passAs.get(e.getKey()), lists));
            }
        }
        return args;
    }

    /**
     * The arguments of one parameter from a pass-as template (null: the default). A template without
     * {@code {value}} given for a boolean value is a flag (Valohai's {@code pass-true-as}): true passes
     * it, false passes nothing; an empty one passes nothing. For other values a null or blank template
     * means the default {@value #DEFAULT_PASS_AS}.
     *
     * <p>A {@link List} value is refused unless the parameter sets Valohai's {@code multiple}; see
     * {@link #passAsArguments(String, Object, String, ListValues)}.
     */
    public static List<String> passAsArguments(String name, Object value, String passAsTemplate) {
        return passAsArguments(name, value, passAsTemplate, ListValues.NONE);
    }

    /**
     * The arguments of one parameter, a list value rendered as {@link ListValues} says: {@code repeat} gives
     * the template's arguments once per item ({@code --tag=a --tag=b}), {@code separate} once for the items
     * joined ({@code --tag=a,b}); null items are skipped and an empty list passes nothing.
     *
     * @throws IllegalArgumentException for a list value of a parameter without {@code multiple}
     */
    public static List<String> passAsArguments(String name, Object value, String passAsTemplate, ListValues lists) {
        List<String> args = new ArrayList<>();
        for (Object atom : lists.atoms(name, value)) {
            args.addAll(itemArguments(name, atom, passAsTemplate));
        }
        return args;
    }

    private static List<String> itemArguments(String name, Object value, String passAsTemplate) {
        if (value instanceof Boolean flag && passAsTemplate != null && isFlagTemplate(passAsTemplate)) {
            if (!flag || passAsTemplate.isBlank()) {
                return List.of();
            }
        }
        String template = passAsTemplate == null || passAsTemplate.isBlank() ? DEFAULT_PASS_AS : passAsTemplate;
        String formatted = ParameterValues.format(value);
        List<String> args = new ArrayList<>();
        for (String piece : CommandLine.split(template)) {
            args.add(piece.replace("{name}", name).replace("{value}", formatted).replace("{v}", formatted));
        }
        return args;
    }

    private static boolean isFlagTemplate(String template) {
        return !template.contains("{value}") && !template.contains("{v}");
    }

    private static List<String> argumentsOf(String name, Map<String, ?> parameters, Map<String, String> passAs,
            ListValues lists) {
        Object value = parameters.get(name);
        return value == null ? List.of() : passAsArguments(name, value, passAs.get(name), lists);
    }

    private static String valueOf(String name, Map<String, ?> parameters) {
        if (!parameters.containsKey(name)) {
            throw new IllegalArgumentException("the command uses {parameter-value:" + name
                    + "} but there is no parameter '" + name + "'");
        }
        return ParameterValues.valueText(parameters.get(name));
    }
}
