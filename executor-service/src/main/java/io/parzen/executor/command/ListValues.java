package io.parzen.executor.command;

import java.util.List;
import java.util.Map;

/**
 * How the list values of an execution's parameters are passed: Valohai's {@code multiple} per parameter
 * ({@code SuggestionRequested.multiple} / {@code multipleSeparator}), as valohai-yaml's
 * {@code Parameter.format_cli} renders them:
 * <ul>
 *   <li>{@code repeat}: the pass-as arguments once per item ({@code --tag=a --tag=b});</li>
 *   <li>{@code separate}: the items joined by the separator (default {@code ,}) into one value, passed once
 *       ({@code --layers=64-32});</li>
 *   <li>an empty list passes nothing; a single value of such a parameter is a list of one;</li>
 *   <li>a list value of a parameter that sets neither is refused, naming the parameter.</li>
 * </ul>
 * Items are formatted with {@link ParameterValues#format(Object)}.
 *
 * @param multiple parameter name to {@code repeat} or {@code separate}
 * @param separators parameter name to the separator of a {@code separate} parameter
 */
public record ListValues(Map<String, String> multiple, Map<String, String> separators) {

    /** No parameter takes list values. */
    public static final ListValues NONE = new ListValues(Map.of(), Map.of());

    public static final String REPEAT = "repeat";
    public static final String SEPARATE = "separate";
    public static final String DEFAULT_SEPARATOR = ",";

    public ListValues {
        multiple = multiple == null ? Map.of() : Map.copyOf(multiple);
        separators = separators == null ? Map.of() : Map.copyOf(separators);
    }

    /** The modes and separators of a request; null maps are none. */
    public static ListValues of(Map<String, String> multiple, Map<String, String> separators) {
        return (multiple == null || multiple.isEmpty()) ? NONE : new ListValues(multiple, separators);
    }

    /** {@code repeat}, {@code separate} or null. */
    public String mode(String name) {
        return multiple.get(name);
    }

    /** The separator of a {@code separate} parameter. */
    public String separator(String name) {
        String s = separators.get(name);
        return s == null || s.isEmpty() ? DEFAULT_SEPARATOR : s;
    }

    /**
     * The values the pass-as template is applied to: the value itself for a parameter without a mode;
     * for {@code repeat} each item; for {@code separate} one value, the items joined.
     *
     * @throws IllegalArgumentException for a list value of a parameter without a mode, or an unknown mode
     */
    List<Object> atoms(String name, Object value) {
        String mode = mode(name);
        if (mode == null) {
            if (value instanceof List<?> list) {
                throw new IllegalArgumentException("parameter '" + name + "' has the list value "
                        + ParameterValues.pythonText(list) + " but does not set multiple (repeat or separate)");
            }
            return List.of(value);
        }
        List<?> items = value instanceof List<?> l ? l : List.of(value);
        List<?> present = items.stream().filter(i -> i != null).toList();
        return switch (mode) {
            case REPEAT -> List.copyOf(present);
            case SEPARATE -> present.isEmpty() ? List.of()
                    : List.of(String.join(separator(name), present.stream().map(ParameterValues::format).toList()));
            default -> throw new IllegalArgumentException("parameter '" + name + "': unknown multiple '" + mode
                    + "'; allowed: repeat, separate");
        };
    }
}
