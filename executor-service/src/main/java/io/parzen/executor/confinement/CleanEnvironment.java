package io.parzen.executor.confinement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment of an execution's process, built from nothing (never the service's own
 * environment, which holds its database password, Kafka address and settings): the variables of
 * an allow-list taken from the service's environment ({@link #INHERITED} and {@code LC_*}), then the
 * variables the task declares, then the variables Parzen sets for the execution, which win.
 */
public final class CleanEnvironment {

    /** Variables passed on from the service's environment, if set there. */
    public static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "TZ", "TMPDIR");
    /** Locale variables ({@code LC_ALL}, {@code LC_CTYPE}...) are passed on too. */
    public static final String INHERITED_PREFIX = "LC_";

    private CleanEnvironment() {
    }

    /** Whether a variable of the service's environment is passed on to executions. */
    public static boolean isInherited(String name) {
        return INHERITED.contains(name) || name.startsWith(INHERITED_PREFIX);
    }

    /**
     * @param serviceEnvironment the service's environment (normally {@code System.getenv()})
     * @param declared the task's declared variables, already validated; may be null
     * @param execution the variables Parzen sets for this execution ({@code PARZEN_*}); they override the others
     * @return the complete environment of the process, in that order
     */
    public static Map<String, String> build(Map<String, String> serviceEnvironment, Map<String, String> declared,
            Map<String, String> execution) {
        Map<String, String> env = new LinkedHashMap<>();
        serviceEnvironment.forEach((name, value) -> {
            if (isInherited(name)) {
                env.put(name, value);
            }
        });
        if (declared != null) {
            env.putAll(declared);
        }
        env.putAll(execution);
        return env;
    }
}
