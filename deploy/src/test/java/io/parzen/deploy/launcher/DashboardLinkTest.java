package io.parzen.deploy.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parzen.deploy.token.JwtKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sign-in line {@code up} and {@code demo} print: the dashboard's URL with an operator token in the fragment. */
class DashboardLinkTest {

    @TempDir
    Path state;

    @Test
    void theLinkCarriesAnOperatorTokenForTheDefaultProjectInTheFragment() throws Exception {
        LaunchConfig cfg = LaunchConfig.defaults(state).withStateDir(state).withFreePorts();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ParzenSystem system = new ParzenSystem(cfg, new PrintStream(output, true, StandardCharsets.UTF_8));
        String link = system.dashboardLink();
        String prefix = "http://127.0.0.1:" + cfg.taskPort() + "/dashboard/#token=";
        assertTrue(link.startsWith(prefix), link);
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(JwtKeys.load(cfg.jwtDir()).publicKey())
                .setExpectedIssuer("parzen-local").build().processToClaims(link.substring(prefix.length()));
        assertEquals(List.of("operator"), claims.getStringListClaimValue("groups"));
        assertEquals(List.of("default"), claims.getStringListClaimValue("projects"));
        assertEquals(8 * 3600, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());

        system.printUrls();
        String line = output.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("dashboard"))
                .findFirst().orElseThrow(() -> new AssertionError("no line starts with dashboard:\n" + output));
        assertTrue(line.matches("dashboard +" + java.util.regex.Pattern.quote(prefix) + "[A-Za-z0-9_.-]+"), line);
    }
}
