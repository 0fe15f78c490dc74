package io.parzen.deploy.token;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs RS256 JWTs with the launcher's private key, carrying the claims of the authentication
 * contract: {@code iss}, {@code sub}, {@code groups} (one role), {@code projects}, {@code iat},
 * {@code exp}, {@code jti}.
 */
public final class TokenIssuer {

    /** The issuer of launcher tokens, {@code PARZEN_JWT_ISSUER} of the services it starts. */
    public static final String LOCAL_ISSUER = "parzen-local";

    private final JwtKeys keys;
    private final String issuer;
    private final Clock clock;

    public TokenIssuer(JwtKeys keys, String issuer, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.clock = clock;
    }

    public TokenIssuer(JwtKeys keys) {
        this(keys, LOCAL_ISSUER, Clock.systemUTC());
    }

    /** The compact serialization ({@code header.payload.signature}). */
    public String issue(TokenRequest request) {
        Instant now = clock.instant();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(request.subject());
        claims.setStringListClaim("groups", List.of(request.role().claim()));
        claims.setStringListClaim("projects", request.projects());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(request.ttl()).getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.privateKey());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign the token with " + keys.privateKeyFile(), e);
        }
    }
}
