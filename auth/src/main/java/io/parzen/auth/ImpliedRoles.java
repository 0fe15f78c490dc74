package io.parzen.auth;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gives a caller every role its role includes ({@code admin} ⊇ {@code operator} ⊇ {@code viewer}),
 * so that {@code @RolesAllowed("viewer")} admits operators and admins, and {@code
 * @RolesAllowed("operator")} admits admins.
 */
@ApplicationScoped
public class ImpliedRoles implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Role role = Role.highestOf(identity.getRoles()).orElse(null);
        if (role == null) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
        for (Role r : Role.values()) {
            if (role.includes(r)) {
                builder.addRole(r.claimName());
            }
        }
        return Uni.createFrom().item(builder.build());
    }
}
