package io.parzen.deploy.token;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The role a token grants, carried as its only {@code groups} entry. Services treat
 * admin ⊇ operator ⊇ viewer.
 */
public enum Role {
    /** reads tasks, executions, metrics */
    VIEWER,
    /** also creates and stops tasks (the launcher's default) */
    OPERATOR,
    /** every project, every operation */
    ADMIN;

    /** The name in the {@code groups} claim and on the command line: {@code viewer}, {@code operator}, {@code admin}. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of {@code viewer|operator|admin} (any case), or an error that lists the allowed values. */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.claim().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a role; allowed: "
                + Arrays.stream(values()).map(Role::claim).collect(Collectors.joining(", ")));
    }
}
