package io.parzen.executor.process;

import io.parzen.executor.config.ExecutorConfig;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether an executor instance is alive, as PostgreSQL sees it (ADR 0027): every instance holds a
 * session-level advisory lock on its name, {@code pg_advisory_lock(NAMESPACE, hashtext(instance))}, on a
 * connection of its own for as long as it lives. PostgreSQL releases it when that connection ends — a
 * SIGKILL, a crash, a lost network — with no heartbeat table and no clock. Another instance that can take
 * the lock knows the owner is gone and may adopt its executions while it holds it; the owner, restarting,
 * waits for the lock before its own recovery, so the two never act on the same rows at once.
 *
 * <p>Blocking methods, for the recovery thread; never call them on an event loop.
 */
@ApplicationScoped
public class InstanceLease {

    /** First key of the two-key advisory locks of executor instances ("Pzn\2"; the outbox uses "Pzn\1"). */
    static final int NAMESPACE = 0x507a6e02;
    private static final long TIMEOUT_SECONDS = 30;

    @Inject
    Vertx vertx;

    @Inject
    ExecutorConfig config;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    Optional<String> url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private volatile PgConnection held;

    /**
     * Takes this instance's lease if it does not hold it (at start-up, and again if its connection was lost),
     * waiting while another instance adopts this one's executions.
     *
     * @return true if it was taken now (then this instance must recover its own executions), false if held already
     */
    public boolean acquire() {
        if (held != null) {
            return false;
        }
        PgConnection c = await(PgConnection.connect(vertx, options()));
        try {
            await(c.preparedQuery("select pg_advisory_lock($1, hashtext($2))")
                    .execute(Tuple.of(NAMESPACE, config.instance())));
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        c.closeHandler(v -> {
            if (held == c) {
                held = null;
                Log.warnf("executor instance %s lost its database lease connection; taking it again", config.instance());
            }
        });
        held = c;
        Log.infof("executor instance %s holds its lease", config.instance());
        return true;
    }

    /**
     * Runs {@code adopt} if instance {@code owner} is gone (its lease can be taken), holding its lease meanwhile.
     *
     * @return whether the owner was gone (and {@code adopt} ran)
     */
    public boolean ifGone(String owner, Runnable adopt) {
        PgConnection c = await(PgConnection.connect(vertx, options()));
        try {
            boolean free = await(c.preparedQuery("select pg_try_advisory_lock($1, hashtext($2)) as free")
                    .execute(Tuple.of(NAMESPACE, owner))).iterator().next().getBoolean("free");
            if (!free) {
                return false;
            }
            adopt.run();
            return true;
        } finally {
            c.close(); // ends the session: releases the owner's lease
        }
    }

    /**
     * Holds the lease of instance {@code name} until the returned handle is closed, as that instance would
     * (tests: an instance that is alive).
     */
    public AutoCloseable holdFor(String name) {
        PgConnection c = await(PgConnection.connect(vertx, options()));
        await(c.preparedQuery("select pg_advisory_lock($1, hashtext($2))").execute(Tuple.of(NAMESPACE, name)));
        return () -> c.close();
    }

    @PreDestroy
    void release() {
        PgConnection c = held;
        held = null;
        if (c != null) {
            c.close();
        }
    }

    private PgConnectOptions options() {
        String first = url.orElseThrow(() -> new IllegalStateException("quarkus.datasource.reactive.url is not set"))
                .split(",")[0].trim();
        if (first.startsWith("vertx-reactive:")) {
            first = first.substring("vertx-reactive:".length());
        }
        PgConnectOptions options = PgConnectOptions.fromUri(first);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        return options;
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().toString(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer from the database in " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
