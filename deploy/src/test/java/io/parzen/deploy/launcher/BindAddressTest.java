package io.parzen.deploy.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parzen.deploy.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Loopback unless --host says otherwise, for every component the launcher configures. */
class BindAddressTest {

    @TempDir
    Path repo;

    private static LaunchConfig parse(String... args) {
        LauncherOptions o = new LauncherOptions();
        new CommandLine(o).parseArgs(args);
        return o.toConfig(Path.of("/tmp/parzen-repo"));
    }

    @Test
    void everythingBindsLoopbackByDefault() {
        LaunchConfig cfg = parse();
        assertEquals("127.0.0.1", cfg.host());
        assertEquals("127.0.0.1", LaunchConfig.defaults(repo).host());
        assertEquals("127.0.0.1:9092", cfg.kafkaBootstrap());
        assertEquals("postgresql://127.0.0.1:54329", cfg.dbBase());
        Map<String, String> env = new ParzenSystem(cfg, System.out).serviceEnvironment(Component.TASK);
        assertEquals("127.0.0.1", env.get("PARZEN_HTTP_HOST"));
        assertEquals("127.0.0.1", env.get("QUARKUS_HTTP_HOST"));
        assertEquals("127.0.0.1", EmbeddedPostgresServer.listenAddresses(null));
        assertEquals("127.0.0.1", EmbeddedPostgresServer.listenAddresses("localhost"));
    }

    @Test
    void hostAppliesToAllAndTheLauncherStillConnectsThroughLoopbackForAWildcard() {
        LaunchConfig all = parse("--host", "0.0.0.0");
        assertEquals("0.0.0.0", all.host());
        assertEquals("127.0.0.1", all.connectHost());
        assertEquals("127.0.0.1:9092", all.kafkaBootstrap());
        assertEquals("0.0.0.0", new ParzenSystem(all, System.out).serviceEnvironment(Component.METRICS)
                .get("PARZEN_HTTP_HOST"));
        assertEquals("0.0.0.0", EmbeddedPostgresServer.listenAddresses("0.0.0.0"));

        LaunchConfig one = parse("--host", "192.168.7.9");
        assertEquals("192.168.7.9", one.connectHost());
        assertEquals("192.168.7.9:9092", one.kafkaBootstrap());
        assertEquals("http://192.168.7.9:8081/api/v1", new ParzenSystem(one, System.out).taskApi());
        // a browser that opens the dashboard at that address may call metrics- and executor-service (CORS)
        assertEquals("http://192.168.7.9:8081,http://127.0.0.1:8081,http://localhost:8081",
                new ParzenSystem(one, System.out).serviceEnvironment(Component.EXECUTOR).get("PARZEN_DASHBOARD_ORIGINS"));
        // the services reach PostgreSQL through loopback, which it always listens on (pg_hba trusts only loopback)
        assertEquals("postgresql://127.0.0.1:54329", one.dbBase());
        assertEquals("127.0.0.1,192.168.7.9", EmbeddedPostgresServer.listenAddresses("192.168.7.9"));
    }

    @Test
    void aHostThatIsNotAnAddressIsRefusedByName() {
        CommandLine.ParameterException e = org.junit.jupiter.api.Assertions.assertThrows(
                CommandLine.ParameterException.class, () -> parse("--host", "a b;rm"));
        assertTrue(e.getMessage().contains("'a b;rm' is not an address; allowed: an IPv4 or IPv6 address"),
                e.getMessage());
    }

    @Test
    void jwtEnvironmentPointsAtThePublicKeyOfTheStateFolder() {
        LaunchConfig cfg = LaunchConfig.defaults(repo).withStateDir(repo.resolve("state"));
        Map<String, String> env = new ParzenSystem(cfg, System.out).serviceEnvironment(Component.EXECUTOR);
        assertEquals(repo.resolve("state/jwt/public.pem").toString(), env.get("PARZEN_JWT_PUBLIC_KEY"));
        assertEquals("parzen-local", env.get("PARZEN_JWT_ISSUER"));
    }
}
