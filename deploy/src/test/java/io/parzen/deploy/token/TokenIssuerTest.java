package io.parzen.deploy.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens verify with the public key of the pair (as SmallRye JWT in the services does) and carry the contract's claims. */
class TokenIssuerTest {

    @TempDir
    Path state;

    private static JwtConsumer verifier(JwtKeys keys) {
        return new JwtConsumerBuilder()
                .setVerificationKey(keys.publicKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer("parzen-local")
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setRequireSubject()
                .build();
    }

    @Test
    void anOperatorTokenVerifiesWithThePublicKeyAndCarriesTheClaims() throws Exception {
        JwtKeys keys = JwtKeys.ensure(JwtKeys.dirOf(state));
        String token = new TokenIssuer(keys).issue(new TokenRequest(Role.OPERATOR, List.of("vision", "nlp"),
                Duration.ofMinutes(30), null));
        JwtContext ctx = verifier(keys).process(token);
        JwtClaims c = ctx.getJwtClaims();
        assertEquals("RS256", ctx.getJoseObjects().get(0).getAlgorithmHeaderValue());
        assertEquals("parzen-local", c.getIssuer());
        assertEquals("local-operator", c.getSubject());
        assertEquals(List.of("operator"), c.getStringListClaimValue("groups"));
        assertEquals(List.of("vision", "nlp"), c.getStringListClaimValue("projects"));
        assertEquals(30 * 60, c.getExpirationTime().getValue() - c.getIssuedAt().getValue());
        long now = Instant.now().getEpochSecond();
        assertTrue(Math.abs(c.getIssuedAt().getValue() - now) < 60, "iat is now");
        String other = new TokenIssuer(keys).issue(TokenRequest.of(Role.OPERATOR));
        assertNotEquals(c.getJwtId(), verifier(keys).processToClaims(other).getJwtId(), "a new jti per token");
    }

    @Test
    void defaultsAreOperatorProjectDefaultAndEightHours() throws Exception {
        JwtKeys keys = JwtKeys.ensure(JwtKeys.dirOf(state));
        JwtClaims c = verifier(keys).processToClaims(new TokenIssuer(keys).issue(new TokenRequest(null, null, null, null)));
        assertEquals(List.of("operator"), c.getStringListClaimValue("groups"));
        assertEquals(List.of("default"), c.getStringListClaimValue("projects"));
        assertEquals(8 * 3600, c.getExpirationTime().getValue() - c.getIssuedAt().getValue());
        JwtClaims admin = verifier(keys).processToClaims(new TokenIssuer(keys).issue(TokenRequest.of(Role.ADMIN)));
        assertEquals(List.of("admin"), admin.getStringListClaimValue("groups"));
        assertEquals("local-admin", admin.getSubject());
    }

    @Test
    void anotherKeyOrAnExpiredTokenDoesNotVerify() throws Exception {
        JwtKeys keys = JwtKeys.ensure(state.resolve("one"));
        JwtKeys other = JwtKeys.ensure(state.resolve("two"));
        String token = new TokenIssuer(keys).issue(TokenRequest.of(Role.VIEWER));
        assertThrows(InvalidJwtException.class, () -> verifier(other).process(token));
        Clock dayAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC);
        String old = new TokenIssuer(keys, TokenIssuer.LOCAL_ISSUER, dayAgo).issue(TokenRequest.of(Role.VIEWER));
        InvalidJwtException e = assertThrows(InvalidJwtException.class, () -> verifier(keys).process(old));
        assertTrue(e.hasExpired(), e.getMessage());
    }

    @Test
    void badProjectNamesAndRolesAreRefusedWithWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TokenRequest(Role.VIEWER, List.of("ok", "has space"), null, null));
        assertTrue(e.getMessage().contains("'has space' is not a project name; allowed: letters, digits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TokenRequest(Role.VIEWER, List.of("\"x\""), null, null));
        e = assertThrows(IllegalArgumentException.class, () -> Role.parse("root"));
        assertEquals("'root' is not a role; allowed: viewer, operator, admin", e.getMessage());
        assertEquals(Role.ADMIN, Role.parse("Admin"));
    }
}
