package io.parzen.deploy.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./parzen token} as a user runs it: one token on stdout, everything else on stderr. */
class TokenCommandTest {

    @TempDir
    Path state;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final StringWriter usageErr = new StringWriter();

    private int run(String... args) {
        TokenCommand cmd = new TokenCommand();
        cmd.out = new PrintStream(out, true);
        cmd.err = new PrintStream(err, true);
        CommandLine cl = new CommandLine(cmd);
        cl.setErr(new PrintWriter(usageErr, true));
        return cl.execute(args);
    }

    private JwtClaims verify(String token) throws Exception {
        return new JwtConsumerBuilder().setVerificationKey(JwtKeys.load(JwtKeys.dirOf(state)).publicKey())
                .setExpectedIssuer("parzen-local").build().processToClaims(token);
    }

    @Test
    void withoutAKeyPairItSaysToStartParzenAndPrintsNothingOnStdout() {
        assertEquals(1, run("--state-dir", state.toString()));
        assertEquals("", out.toString());
        assertTrue(err.toString().contains("No key pair in " + state.resolve("jwt")), err.toString());
        assertTrue(err.toString().contains("./parzen up --state-dir " + state), err.toString());
    }

    @Test
    void printsExactlyOneVerifiableTokenWithTheRequestedClaims() throws Exception {
        JwtKeys.ensure(JwtKeys.dirOf(state));
        assertEquals(0, run("--state-dir", state.toString(), "--role", "viewer", "--project", "vision",
                "--project", "nlp", "--ttl", "30m"));
        List<String> lines = out.toString().lines().toList();
        assertEquals(1, lines.size(), out.toString());
        JwtClaims c = verify(lines.get(0));
        assertEquals(List.of("viewer"), c.getStringListClaimValue("groups"));
        assertEquals(List.of("vision", "nlp"), c.getStringListClaimValue("projects"));
        assertEquals(1800, c.getExpirationTime().getValue() - c.getIssuedAt().getValue());
        assertTrue(err.toString().contains("warning: Parzen is not running"), err.toString());
    }

    @Test
    void defaultsAreOperatorDefaultProjectEightHours() throws Exception {
        JwtKeys.ensure(JwtKeys.dirOf(state));
        assertEquals(0, run("--state-dir", state.toString()));
        JwtClaims c = verify(out.toString().trim());
        assertEquals(List.of("operator"), c.getStringListClaimValue("groups"));
        assertEquals(List.of("default"), c.getStringListClaimValue("projects"));
        assertEquals(8 * 3600, c.getExpirationTime().getValue() - c.getIssuedAt().getValue());
    }

    @Test
    void badOptionsAreRefusedWithWhatIsAllowed() throws Exception {
        JwtKeys.ensure(JwtKeys.dirOf(state));
        assertEquals(2, run("--state-dir", state.toString(), "--ttl", "forever"));
        assertTrue(usageErr.toString().contains("Invalid value for option '--ttl': 'forever' is not a duration; allowed:"),
                usageErr.toString());
        assertEquals(2, run("--state-dir", state.toString(), "--role", "root"));
        assertTrue(usageErr.toString().contains("'root' is not a role; allowed: viewer, operator, admin"),
                usageErr.toString());
        assertEquals(2, run("--state-dir", state.toString(), "--project", "a b"));
        assertTrue(err.toString().contains("--project: 'a b' is not a project name"), err.toString());
        assertEquals("", out.toString(), "no token for a bad request");
    }
}
