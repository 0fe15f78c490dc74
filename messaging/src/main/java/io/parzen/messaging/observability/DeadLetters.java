package io.parzen.messaging.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts the records this service sends to a dead-letter topic: {@code parzen_dead_letters_total}
 * with the record's {@code topic} and the {@code reason} ({@code invalid}: bad input;
 * {@code retries-exhausted}: a transient failure outlasted the retries). The record's own reason
 * text travels in its {@code dead-letter-reason} header.
 */
@ApplicationScoped
public class DeadLetters {

    private final MeterRegistry registry;

    public DeadLetters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String topic, String reason) {
        Counter.builder(MeterNames.DEAD_LETTERS)
                .description("Records sent to a dead-letter topic")
                .tag("topic", topic == null ? "unknown" : topic)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
