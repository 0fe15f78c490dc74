package io.parzen.messaging.outbox;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/** Runs reactive database work started by a timer or a notification on a context Hibernate Reactive accepts. */
public final class VertxContexts {

    private VertxContexts() {
    }

    /** Runs {@code work} on a new, safe duplicated Vert.x context. */
    public static <T> Uni<T> onSafeContext(Vertx vertx, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(em -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(v -> {
                try {
                    work.get().subscribe().with(em::complete, em::fail);
                } catch (RuntimeException e) {
                    em.fail(e);
                }
            });
        });
    }
}
