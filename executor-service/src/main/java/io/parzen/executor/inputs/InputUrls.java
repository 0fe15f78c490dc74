package io.parzen.executor.inputs;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What an input URL may look like: a local path, {@code file://}, {@code http://} or {@code https://}. */
public final class InputUrls {

    /** The supported schemes, as listed in error messages. */
    public static final List<String> SUPPORTED = List.of("a local path", "file://", "http://", "https://");

    /** An input name is a folder name under {@code $VH_INPUTS_DIR}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):(.*)", Pattern.DOTALL);

    /** How a URL is fetched. */
    public enum Kind { LOCAL, FILE, HTTP }

    private InputUrls() {
    }

    /** Whether {@code name} can be an input name (a safe folder name). */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * The kind of {@code url}.
     *
     * @throws IllegalArgumentException for a blank URL, an unsupported scheme or a malformed URL
     */
    public static Kind kind(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the URL is empty; supported: " + SUPPORTED);
        }
        var m = SCHEME.matcher(url);
        // "C:\data" is a Windows path, not a scheme
        if (!m.matches() || (m.group(1).length() == 1 && m.group(2).startsWith("\\"))) {
            return Kind.LOCAL;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        Kind kind = switch (scheme) {
            case "file" -> Kind.FILE;
            case "http", "https" -> Kind.HTTP;
            default -> throw new IllegalArgumentException("scheme '" + scheme + ":' is not supported; supported: "
                    + SUPPORTED);
        };
        try {
            URI uri = new URI(url);
            if (kind == Kind.HTTP && (uri.getHost() == null || uri.getHost().isEmpty())) {
                throw new IllegalArgumentException("'" + url + "' has no host");
            }
            if (kind == Kind.FILE && (uri.getPath() == null || uri.getPath().isEmpty())) {
                throw new IllegalArgumentException("'" + url + "' has no path");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a valid URL: " + e.getReason());
        }
        return kind;
    }
}
