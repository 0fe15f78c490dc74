package io.parzen.deploy.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a token grants: a role, the projects it may touch (ignored by the services for admin), its
 * lifetime and the caller's name ({@code sub}).
 */
public record TokenRequest(Role role, List<String> projects, Duration ttl, String subject) {

    public static final Role DEFAULT_ROLE = Role.OPERATOR;
    public static final String DEFAULT_PROJECT = "default";
    public static final Duration DEFAULT_TTL = Duration.ofHours(8);
    /** Letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100 characters. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public TokenRequest {
        if (role == null) {
            role = DEFAULT_ROLE;
        }
        List<String> p = new ArrayList<>(new LinkedHashSet<>(projects == null || projects.isEmpty()
                ? List.of(DEFAULT_PROJECT) : projects));
        for (String name : p) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("--project: '" + name + "' is not a project name; allowed:"
                        + " letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100 characters");
            }
        }
        projects = List.copyOf(p);
        if (ttl == null) {
            ttl = DEFAULT_TTL;
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(TokenTtl.MAX) > 0) {
            throw new IllegalArgumentException("ttl " + ttl + " must be between 1 s and " + TokenTtl.MAX.toDays() + " days");
        }
        if (subject == null || subject.isBlank()) {
            subject = "local-" + role.claim();
        }
    }

    /** A role's token for the default project, with the default lifetime. */
    public static TokenRequest of(Role role) {
        return new TokenRequest(role, List.of(), null, null);
    }
}
