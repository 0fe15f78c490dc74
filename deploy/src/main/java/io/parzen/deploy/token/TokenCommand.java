package io.parzen.deploy.token;

import io.parzen.deploy.launcher.LaunchConfig;
import io.parzen.deploy.launcher.LauncherOptions;
import io.parzen.deploy.launcher.ParzenSystem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./parzen token [--role viewer|operator|admin] [--project NAME] [--ttl DURATION]}: prints one
 * token on stdout, signed with the key pair of the state folder, for the services that {@code up}
 * started with its public key. Everything else goes to stderr, so {@code TOKEN=$(./parzen token)} works.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Print one access token (a signed JWT) for the running system on stdout.",
                "Send it as the header  Authorization: Bearer <token>  (or  Authorization: Token <token>).",
                "It is signed with <state-dir>/jwt/private.pem, created by the first ./parzen up; if Parzen is not "
                        + "running the token is printed anyway, with a warning on stderr."},
        footer = {"", "Examples:", "  TOKEN=$(./parzen token)",
                "  curl -H \"Authorization: Bearer $TOKEN\" localhost:8081/api/v1/tasks",
                "  ./parzen token --role viewer --project vision --project nlp --ttl 30m"})
public class TokenCommand implements Callable<Integer> {

    @Option(names = "--role", paramLabel = "viewer|operator|admin", defaultValue = "operator",
            converter = RoleConverter.class,
            description = "What the token may do: viewer reads, operator also creates and stops tasks, admin may do "
                    + "everything in every project (default: ${DEFAULT-VALUE}).")
    Role role;

    @Option(names = "--project", paramLabel = "NAME",
            description = "A project the token may touch; repeat for several (default: default). Ignored for admin.")
    List<String> projects = new ArrayList<>();

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "8h", converter = TtlConverter.class,
            description = "Lifetime: 90s, 30m, 8h, 7d or ISO-8601 like PT1H; at most 366 days (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "The state folder of the system (default: <repo>/.parzen), as given to ./parzen up.")
    Path stateDir;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        Path root = LauncherOptions.repoRoot();
        LaunchConfig cfg = LaunchConfig.defaults(root)
                .withStateDir(stateDir == null ? null : LauncherOptions.callerDir().resolve(stateDir));
        Path dir = JwtKeys.dirOf(cfg.stateDir());
        if (!JwtKeys.exist(dir)) {
            err.println("No key pair in " + dir + ": ./parzen up" + stateDirHint(cfg, root)
                    + " creates it. Start Parzen first, then run ./parzen token again.");
            return 1;
        }
        TokenRequest request;
        try {
            request = new TokenRequest(role, projects, ttl, null);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        String token;
        try {
            token = new TokenIssuer(JwtKeys.load(dir)).issue(request);
        } catch (IOException e) {
            err.println(e.getMessage());
            return 1;
        }
        if (!new ParzenSystem(cfg, new PrintStream(PrintStream.nullOutputStream())).anyRunning()) {
            err.println("warning: Parzen is not running (state " + cfg.stateDir() + "); the token is valid for the"
                    + " services that ./parzen up" + stateDirHint(cfg, root) + " starts with this key.");
        }
        out.println(token);
        return 0;
    }

    private static String stateDirHint(LaunchConfig cfg, Path root) {
        return cfg.stateDir().equals(root.resolve(".parzen")) ? "" : " --state-dir " + cfg.stateDir();
    }

    static final class RoleConverter implements CommandLine.ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return Role.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class TtlConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return TokenTtl.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
