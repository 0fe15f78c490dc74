package io.parzen.executor.process;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs reactive database work from a plain thread (a process thread, the recovery thread) and
 * waits for it. Never call it on an event-loop thread.
 */
public final class Blocking {

    private Blocking() {
    }

    /** Subscribes to the operation on a fresh Vert.x context and waits for its item. */
    public static <T> T await(Supplier<Uni<T>> operation) {
        try {
            return VertxContextSupport.subscribeAndAwait(operation);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
