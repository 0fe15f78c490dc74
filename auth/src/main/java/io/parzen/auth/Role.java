package io.parzen.auth;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The three roles a token can carry in its {@code groups} claim. Each includes the ones before it:
 * {@code admin} ⊇ {@code operator} ⊇ {@code viewer}.
 */
public enum Role {
    /** Reads tasks, executions, studies, metrics. */
    VIEWER,
    /** Also creates and stops tasks, lints blueprints and creates tasks from them. */
    OPERATOR,
    /** Also sees and changes every project. */
    ADMIN;

    /** Role names as they appear in the {@code groups} claim and in {@code @RolesAllowed}. */
    public static final String VIEWER_NAME = "viewer";
    public static final String OPERATOR_NAME = "operator";
    public static final String ADMIN_NAME = "admin";

    /** The name in the {@code groups} claim: {@code viewer}, {@code operator} or {@code admin}. */
    public String claimName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a caller with this role may do what {@code needed} may do. */
    public boolean includes(Role needed) {
        return ordinal() >= needed.ordinal();
    }

    /** The role named {@code name} ({@code viewer}, {@code operator}, {@code admin}), if it is one. */
    public static Optional<Role> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Role r : values()) {
            if (r.claimName().equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The highest role among the groups of a token, if any group is a role. */
    public static Optional<Role> highestOf(Collection<String> groups) {
        Role best = null;
        for (String g : groups) {
            Role r = named(g).orElse(null);
            if (r != null && (best == null || r.includes(best))) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }
}
