package io.parzen.messaging.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * The spans of the messaging kit: one {@code CONSUMER} span per consumed record (its parent the
 * record's {@code traceparent}, if valid) around the handling, and one {@code PRODUCER} span per
 * published outbox row (its parent the context the row was written in). Uses the service's
 * {@link OpenTelemetry} bean (quarkus-opentelemetry) when there is one, else the API's no-op, which
 * makes no spans but still carries a received trace context on to what the handler writes.
 */
@ApplicationScoped
public class Tracing {

    public static final String INSTRUMENTATION = "io.parzen.messaging";

    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> MESSAGING_DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation.type");
    public static final AttributeKey<Long> KAFKA_PARTITION = AttributeKey.longKey("messaging.destination.partition.id");
    public static final AttributeKey<Long> KAFKA_OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    public static final AttributeKey<String> KAFKA_KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    public static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    /** The task id (every Parzen record's key). */
    public static final AttributeKey<String> TASK_ID = AttributeKey.stringKey("parzen.task.id");
    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("parzen.event.type");

    private final Tracer tracer;

    @Inject
    public Tracing(Instance<OpenTelemetry> openTelemetry) {
        this(openTelemetry.isResolvable() ? openTelemetry.get() : OpenTelemetry.noop());
    }

    public Tracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
    }

    /** Starts the {@code CONSUMER} span of a record of {@code topic}, child of {@code parent} (the record's context). */
    public Span consumer(Context parent, String topic, int partition, long offset, String key) {
        var builder = tracer.spanBuilder(topic + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(parent)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(MESSAGING_DESTINATION, topic)
                .setAttribute(MESSAGING_OPERATION, "process")
                .setAttribute(KAFKA_PARTITION, (long) partition)
                .setAttribute(KAFKA_OFFSET, offset);
        if (key != null) {
            builder.setAttribute(KAFKA_KEY, key).setAttribute(TASK_ID, key);
        }
        return builder.startSpan();
    }

    /** Starts the {@code PRODUCER} span of sending an outbox row, child of the context it was written in. */
    public Span producer(Context parent, String topic, String key, String eventId, String eventType) {
        var builder = tracer.spanBuilder(topic + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(parent)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(MESSAGING_DESTINATION, topic)
                .setAttribute(MESSAGING_OPERATION, "publish");
        if (key != null) {
            builder.setAttribute(KAFKA_KEY, key).setAttribute(TASK_ID, key);
        }
        if (eventId != null) {
            builder.setAttribute(MESSAGE_ID, eventId);
        }
        if (eventType != null) {
            builder.setAttribute(EVENT_TYPE, eventType);
        }
        return builder.startSpan();
    }

    /** Ends {@code span} as failed with {@code failure}. */
    public static void fail(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        span.end();
    }

    /**
     * Runs {@code work} (each subscription: a retry runs it again) with {@code context} current: made
     * current while {@code work} builds its Uni, and kept on the Vert.x duplicated context, where
     * {@link TraceContext#current()} finds it for the reactive continuations (an outbox row written after
     * a database round trip), until the Uni ends.
     */
    public static <T> Uni<T> within(Context context, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            io.vertx.core.Context vertx = Vertx.currentContext();
            boolean local = vertx != null && VertxContext.isDuplicatedContext(vertx);
            Object previous = local ? vertx.getLocal(TraceContext.LOCAL_KEY) : null;
            if (local) {
                vertx.putLocal(TraceContext.LOCAL_KEY, context);
            }
            Uni<T> uni;
            try (Scope ignored = context.makeCurrent()) {
                uni = work.get();
            } catch (RuntimeException e) {
                restore(vertx, local, previous);
                throw e;
            }
            if (uni == null) {
                restore(vertx, local, previous);
                return Uni.createFrom().nullItem();
            }
            return uni.onTermination().invoke(() -> restore(vertx, local, previous));
        });
    }

    private static void restore(io.vertx.core.Context vertx, boolean local, Object previous) {
        if (!local) {
            return;
        }
        if (previous == null) {
            vertx.removeLocal(TraceContext.LOCAL_KEY);
        } else {
            vertx.putLocal(TraceContext.LOCAL_KEY, previous);
        }
    }
}
