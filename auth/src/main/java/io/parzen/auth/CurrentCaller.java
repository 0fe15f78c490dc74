package io.parzen.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request, read from its verified token. Use it in REST methods that a
 * role check ({@code @RolesAllowed}) has already admitted.
 */
@RequestScoped
public class CurrentCaller {

    /** The claim that lists the projects a token may touch. */
    public static final String PROJECTS_CLAIM = "projects";

    @Inject
    SecurityIdentity identity;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            caller = of(identity);
        }
        return caller;
    }

    /** The caller an identity stands for; an anonymous identity is a caller with no role and no project. */
    public static Caller of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return new Caller(AuditEntry.ANONYMOUS, null, Set.of());
        }
        Role role = Role.highestOf(identity.getRoles()).orElse(null);
        Set<String> projects = identity.getPrincipal() instanceof JsonWebToken jwt
                ? projects(jwt.getClaim(PROJECTS_CLAIM)) : Set.of();
        return new Caller(identity.getPrincipal().getName(), role, projects);
    }

    /** The {@code projects} claim as names: a JSON array of strings, or a single string. */
    static Set<String> projects(Object claim) {
        Set<String> names = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonString s) {
                    names.add(s.getString());
                }
            }
        } else if (claim instanceof JsonString s) {
            names.add(s.getString());
        } else if (claim instanceof String s) {
            names.add(s);
        } else if (claim instanceof Collection<?> c) {
            c.forEach(v -> names.add(v instanceof JsonString js ? js.getString() : String.valueOf(v)));
        }
        names.removeIf(n -> !ProjectNames.isValid(n));
        return names;
    }
}
