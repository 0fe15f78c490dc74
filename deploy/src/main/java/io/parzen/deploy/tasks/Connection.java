package io.parzen.deploy.tasks;

import io.parzen.deploy.launcher.Component;
import io.parzen.deploy.launcher.LaunchConfig;
import io.parzen.deploy.launcher.LauncherOptions;
import io.parzen.deploy.launcher.ParzenSystem;
import io.parzen.deploy.token.JwtKeys;
import io.parzen.deploy.token.TokenIssuer;
import io.parzen.deploy.token.TokenRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where {@code ./parzen tasks} sends its requests and with which token: {@code --url} / {@code
 * PARZEN_TASK_URL} (else the local system's task-service port), {@code --executor-url} / {@code
 * PARZEN_EXECUTOR_URL} (else the local executor-service port), {@code --token} / {@code PARZEN_TOKEN}
 * (else, when the state folder holds the local system's key pair, a token issued as {@code ./parzen
 * token} issues it: operator, project default, 8 h).
 */
public class Connection {

    public static final String TOKEN_ENV = "PARZEN_TOKEN";
    public static final String TASK_URL_ENV = "PARZEN_TASK_URL";
    public static final String EXECUTOR_URL_ENV = "PARZEN_EXECUTOR_URL";

    @Option(names = "--token", paramLabel = "JWT",
            description = "Access token (default: $" + TOKEN_ENV + ", else one issued with the local system's key "
                    + "pair like ./parzen token).")
    String token;

    @Option(names = "--url", paramLabel = "URL",
            description = "task-service, e.g. http://127.0.0.1:8081 (default: $" + TASK_URL_ENV
                    + ", else the local system's port).")
    String url;

    @Option(names = "--executor-url", paramLabel = "URL",
            description = "executor-service, for logs (default: $" + EXECUTOR_URL_ENV
                    + ", else the local system's port).")
    String executorUrl;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "The local system's state folder (default: <repo>/.parzen), as given to ./parzen up.")
    Path stateDir;

    /** The environment; replaced in tests. */
    Map<String, String> env = System.getenv();

    /** The client for these options. */
    public ApiClient client() throws CliException {
        LaunchConfig cfg = localConfig();
        return new ApiClient(taskUrl(cfg), executorUrl(cfg), token(cfg));
    }

    String taskUrl(LaunchConfig cfg) {
        return first(url, env.get(TASK_URL_ENV), () -> serviceUrl(cfg, Component.TASK));
    }

    String executorUrl(LaunchConfig cfg) {
        return first(executorUrl, env.get(EXECUTOR_URL_ENV), () -> serviceUrl(cfg, Component.EXECUTOR));
    }

    String token(LaunchConfig cfg) throws CliException {
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        String fromEnv = env.get(TOKEN_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        Path dir = JwtKeys.dirOf(cfg.stateDir());
        if (!JwtKeys.exist(dir)) {
            return null; // the service's 401 then says how to get one
        }
        try {
            return new TokenIssuer(JwtKeys.load(dir)).issue(new TokenRequest(TokenRequest.DEFAULT_ROLE, List.of(),
                    TokenRequest.DEFAULT_TTL, null));
        } catch (IOException e) {
            throw new CliException("cannot issue a token with the key pair in " + dir + ": " + e.getMessage()
                    + "; pass one with --token or $" + TOKEN_ENV, CliException.FAILED);
        }
    }

    LaunchConfig localConfig() {
        Path root = LauncherOptions.repoRoot();
        LaunchConfig cfg = LaunchConfig.defaults(root)
                .withStateDir(stateDir == null ? null : LauncherOptions.callerDir().resolve(stateDir));
        return ParzenSystem.saved(cfg).orElse(cfg);
    }

    private static String serviceUrl(LaunchConfig cfg, Component c) {
        return new ParzenSystem(cfg, new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).serviceUrl(c);
    }

    private static String first(String option, String env, java.util.function.Supplier<String> local) {
        if (option != null && !option.isBlank()) {
            return option.trim();
        }
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        return local.get();
    }
}
