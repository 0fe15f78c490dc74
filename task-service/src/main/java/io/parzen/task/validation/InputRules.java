package io.parzen.task.validation;

import io.parzen.events.TaskSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task's {@code inputs}: each name a safe folder name (it becomes {@code $VH_INPUTS_DIR/<name>/}),
 * each URL a local path, {@code file://}, {@code http://} or {@code https://} — the schemes the
 * executor can fetch; anything else is refused with that list.
 */
public final class InputRules {

    /** The schemes an executor fetches, as error messages list them. */
    public static final List<String> SUPPORTED = List.of("a local path", "file://", "http://", "https://");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):(.*)", Pattern.DOTALL);

    private InputRules() {
    }

    static List<FieldError> validate(TaskSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, List<String>> inputs = spec.inputs();
        if (inputs == null) {
            return errors;
        }
        for (Map.Entry<String, List<String>> input : inputs.entrySet()) {
            String at = "inputs." + input.getKey();
            if (input.getKey() == null || !NAME.matcher(input.getKey()).matches()) {
                errors.add(new FieldError(at, input.getKey(), "is not a valid input name: letters, digits, '.', '_'"
                        + " and '-', at most 128, not starting with '.' or '-'"));
            }
            List<String> urls = input.getValue() == null ? List.of() : input.getValue();
            for (int i = 0; i < urls.size(); i++) {
                String problem = problem(urls.get(i));
                if (problem != null) {
                    errors.add(new FieldError(at + "[" + i + "]", urls.get(i), problem));
                }
            }
        }
        return errors;
    }

    /** What is wrong with an input URL, or null if an executor can fetch it. */
    static String problem(String url) {
        if (url == null || url.isBlank()) {
            return "is empty; give a URL: " + SUPPORTED;
        }
        Matcher m = SCHEME.matcher(url);
        if (!m.matches() || (m.group(1).length() == 1 && m.group(2).startsWith("\\"))) {
            return null;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (!List.of("file", "http", "https").contains(scheme)) {
            return "scheme '" + scheme + ":' is not supported; supported: " + SUPPORTED;
        }
        try {
            URI uri = new URI(url);
            if (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isEmpty())) {
                return "has no host";
            }
            if (scheme.equals("file") && (uri.getPath() == null || uri.getPath().isEmpty())) {
                return "has no path";
            }
        } catch (URISyntaxException e) {
            return "is not a valid URL: " + e.getReason();
        }
        return null;
    }
}
