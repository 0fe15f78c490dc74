package io.parzen.messaging.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) of Parzen's records, read and written
 * with the OpenTelemetry API only ({@link W3CTraceContextPropagator}): without an OpenTelemetry SDK it
 * still carries a received trace context on. See docs/decisions/0024-tracing-through-the-outbox.md.
 *
 * <p>The context an outbox row is written in ({@link #current()}) is, in this order, OpenTelemetry's
 * current context when it holds a valid span (a REST call's server span, a span a handler made
 * current), else the context {@link Tracing} put on the Vert.x duplicated context of the record being
 * handled: reactive continuations of a handler run on that Vert.x context but not inside the
 * handler's {@code Scope}.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    /** Longest {@code tracestate} kept (the W3C limit of what a vendor must propagate); a longer one is dropped. */
    public static final int MAX_TRACESTATE = 512;

    /** The key of the consumed record's context in the Vert.x duplicated context's local data. */
    static final String LOCAL_KEY = "io.parzen.messaging.tracing.context";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Headers> KAFKA = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            if (headers == null) {
                return null;
            }
            Header header = headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContext() {
    }

    /**
     * The parent context of a record with these headers: the remote span of a valid {@code traceparent}
     * (with its {@code tracestate}), else the root context — a missing or malformed header is ignored.
     */
    public static Context extract(Headers headers) {
        if (headers == null) {
            return Context.root();
        }
        try {
            return W3C.extract(Context.root(), headers, KAFKA);
        } catch (RuntimeException e) {
            return Context.root();
        }
    }

    /** As {@link #extract(Headers)}, from stored values (an outbox row's columns); nulls give the root context. */
    public static Context extract(String traceparent, String tracestate) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        Map<String, String> carrier = new LinkedHashMap<>();
        carrier.put(TRACEPARENT, traceparent);
        if (tracestate != null && !tracestate.isBlank()) {
            carrier.put(TRACESTATE, tracestate);
        }
        try {
            return W3C.extract(Context.root(), carrier, MAP);
        } catch (RuntimeException e) {
            return Context.root();
        }
    }

    /**
     * The {@code traceparent} (and {@code tracestate}, when not empty) of {@code context}'s span; empty
     * when it has no valid span.
     */
    public static Map<String, String> headers(Context context) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (context == null || !Span.fromContext(context).getSpanContext().isValid()) {
            return headers;
        }
        W3C.inject(context, headers, (carrier, key, value) -> {
            if (carrier != null && value != null && !value.isEmpty()
                    && !(TRACESTATE.equals(key) && value.length() > MAX_TRACESTATE)) {
                carrier.put(key, value);
            }
        });
        return headers;
    }

    /** The context to store with an outbox row written now (see the class comment); the root context if none. */
    public static Context current() {
        Context context = Context.current();
        if (Span.fromContext(context).getSpanContext().isValid()) {
            return context;
        }
        io.vertx.core.Context vertx = Vertx.currentContext();
        if (vertx != null && VertxContext.isDuplicatedContext(vertx)) {
            Object handled = vertx.getLocal(LOCAL_KEY);
            if (handled instanceof Context c && Span.fromContext(c).getSpanContext().isValid()) {
                return c;
            }
        }
        return Context.root();
    }

    /** The trace id of {@code context}'s span, or null. */
    public static String traceId(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
