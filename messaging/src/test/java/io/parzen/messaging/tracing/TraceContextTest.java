package io.parzen.messaging.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The W3C trace context without an SDK: read, written, and carried on by the API's no-op tracer. */
class TraceContextTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aValidTraceparentIsReadAndWrittenBackWithItsTracestate() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", TRACEPARENT.getBytes(StandardCharsets.UTF_8));
        headers.add("tracestate", "a=1,b=2".getBytes(StandardCharsets.UTF_8));
        Context context = TraceContext.extract(headers);
        assertThat(TraceContext.traceId(context)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceContext.headers(context)).containsEntry("traceparent", TRACEPARENT)
                .containsEntry("tracestate", "a=1,b=2");
        assertThat(TraceContext.headers(TraceContext.extract(TRACEPARENT, null)))
                .containsOnlyKeys("traceparent").containsEntry("traceparent", TRACEPARENT);
    }

    @Test
    void aMissingOrMalformedTraceparentIsTheRootContext() {
        RecordHeaders malformed = new RecordHeaders();
        malformed.add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01".getBytes(StandardCharsets.UTF_8));
        for (Context context : new Context[] {TraceContext.extract(new RecordHeaders()), TraceContext.extract(malformed),
                TraceContext.extract(null), TraceContext.extract("garbage", "x=1"), TraceContext.extract(null, null),
                TraceContext.extract("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null)}) {
            assertThat(TraceContext.traceId(context)).isNull();
            assertThat(TraceContext.headers(context)).isEmpty();
        }
    }

    @Test
    void withoutAnSdkTheSpansCarryTheReceivedContextOn() {
        Tracing tracing = new Tracing(OpenTelemetry.noop());
        Context parent = TraceContext.extract(TRACEPARENT, null);
        Span consumer = tracing.consumer(parent, "parzen.task-created", 0, 1, "task-1");
        assertThat(TraceContext.headers(parent.with(consumer))).containsEntry("traceparent", TRACEPARENT);
        Span none = tracing.consumer(Context.root(), "parzen.task-created", 0, 1, "task-1");
        assertThat(TraceContext.headers(Context.root().with(none))).isEmpty();
        // outside a trace and off a Vert.x context there is nothing to store with a row
        assertThat(TraceContext.headers(TraceContext.current())).isEmpty();
    }
}
