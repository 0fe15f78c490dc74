package io.parzen.deploy.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link EmbeddedPostgresServer} (zonky, PostgreSQL 14) in the foreground as its own process
 * with a persistent data folder, creates the given databases if they are missing, prints
 * {@value #READY} and stops the server on SIGTERM (or Ctrl-C).
 *
 * <pre>java -cp ... io.parzen.deploy.postgres.PostgresMain [--host 127.0.0.1] --port 54329 --dir .parzen/postgres \
 *     --databases parzen_task,parzen_optimizer,parzen_executor,parzen_metrics</pre>
 *
 * User {@code postgres}, local connections trusted (any password is accepted).
 */
public final class PostgresMain {

    /** The line prefix the launcher waits for in the log. */
    public static final String READY = "PARZEN-READY postgres";

    private PostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        String host = EmbeddedPostgresServer.LOOPBACK;
        int port = 54329;
        Path dir = Path.of(".parzen/postgres");
        List<String> databases = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--host" -> host = value(args, ++i, a);
                case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                case "--dir" -> dir = Path.of(value(args, ++i, a));
                case "--databases" -> {
                    for (String d : value(args, ++i, a).split(",")) {
                        if (!d.isBlank()) {
                            databases.add(d.trim());
                        }
                    }
                }
                case "-h", "--help" -> {
                    System.out.println("usage: PostgresMain [--host 127.0.0.1] [--port 54329] [--dir .parzen/postgres] [--databases a,b,c]");
                    return;
                }
                default -> {
                    System.err.println("unknown argument: " + a);
                    System.exit(2);
                }
            }
        }
        long t0 = System.nanoTime();
        Path dataDir = dir.toAbsolutePath();
        Files.createDirectories(dataDir.getParent());
        EmbeddedPostgresServer server;
        try {
            server = EmbeddedPostgresServer.start(port, dataDir, host);
            for (String db : databases) {
                server.createDatabase(db);
            }
        } catch (Throwable e) {
            System.err.println("PARZEN postgres: could not start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedPostgresServer s = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("PARZEN postgres: stopping");
            try {
                s.close();
            } catch (Exception e) {
                System.err.println("PARZEN postgres: error while stopping: " + e);
            } finally {
                System.out.println("PARZEN postgres: stopped");
                System.out.flush();
                stopped.countDown();
            }
        }, "postgres-shutdown"));
        System.out.printf("%s %s (data %s, databases %s, started in %.1f s)%n", READY,
                server.reactiveUrl(""), dataDir, databases, (System.nanoTime() - t0) / 1e9);
        System.out.flush();
        stopped.await();
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            System.err.println("missing value for " + name);
            System.exit(2);
        }
        return args[i];
    }
}
