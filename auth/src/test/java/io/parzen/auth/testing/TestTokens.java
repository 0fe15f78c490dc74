package io.parzen.auth.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Mints tokens for the services' tests with the test key pair in {@code parzen-test-jwt/} (on the
 * test classpath through this module's test-jar). A service under test verifies them with
 * {@code %test.mp.jwt.verify.publickey.location=parzen-test-jwt/public.pem}.
 */
public final class TestTokens {

    /** The issuer the services expect by default ({@code PARZEN_JWT_ISSUER}). */
    public static final String ISSUER = "parzen-local";

    private TestTokens() {
    }

    /** An operator of the {@code default} project: what the existing tests act as. */
    public static String operator() {
        return token("test-operator", "operator", List.of("default"));
    }

    public static String operator(String... projects) {
        return token("test-operator", "operator", List.of(projects));
    }

    public static String viewer(String... projects) {
        return token("test-viewer", "viewer", List.of(projects));
    }

    public static String admin() {
        return token("test-admin", "admin", List.of());
    }

    /** A token of {@code subject} with one role and the projects it may touch, valid for an hour. */
    public static String token(String subject, String role, List<String> projects) {
        return sign(claims(subject, role, projects, 3600), "private.pem");
    }

    /** A token that expired ten minutes ago. */
    public static String expired(String subject, String role, List<String> projects) {
        JwtClaims claims = claims(subject, role, projects, -600);
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 4200));
        return sign(claims, "private.pem");
    }

    /** A well-formed, unexpired token signed with a key the services do not know. */
    public static String signedByAnotherKey(String subject, String role, List<String> projects) {
        return sign(claims(subject, role, projects, 3600), "other-private.pem");
    }

    /** A token signed with the right key but issued by someone else. */
    public static String fromIssuer(String issuer, String subject, String role, List<String> projects) {
        JwtClaims claims = claims(subject, role, projects, 3600);
        claims.setIssuer(issuer);
        return sign(claims, "private.pem");
    }

    private static JwtClaims claims(String subject, String role, List<String> projects, long expiresInSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setStringListClaim("groups", List.of(role));
        claims.setStringListClaim("projects", projects);
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + expiresInSeconds));
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }

    private static String sign(JwtClaims claims, String keyFile) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(privateKey(keyFile));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token with " + keyFile, e);
        }
    }

    private static PrivateKey privateKey(String file) throws Exception {
        String pem;
        try (InputStream in = TestTokens.class.getResourceAsStream("/parzen-test-jwt/" + file)) {
            if (in == null) {
                throw new IOException("test key parzen-test-jwt/" + file + " is not on the classpath");
            }
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
