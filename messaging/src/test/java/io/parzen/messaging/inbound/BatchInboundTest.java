package io.parzen.messaging.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.parzen.messaging.MessagingConfig;
import io.parzen.messaging.observability.DeadLetters;
import io.parzen.messaging.observability.MeterNames;
import io.parzen.messaging.tracing.Tracing;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchInbound} without a broker: polls made here ({@link IncomingKafkaRecordBatch}, as the Kafka connector
 * hands them to a {@code batch=true} method) with a commit handler and a failure handler that record, in one
 * journal, what is acknowledged and what is nacked (what the {@code dead-letter-queue} strategy writes to the
 * dead-letter topic), so that the order of handling, nacks and acknowledgement is certain.
 */
class BatchInboundTest {

    private static final String TOPIC = "parzen.test-events";
    private static final Duration AT_MOST = Duration.ofSeconds(60);

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private SdkTracerProvider tracerProvider;
    private SimpleMeterRegistry meters;
    private BatchInbound batchInbound;

    /** What the handlers saw, and what the poll's handlers were asked, in the order it happened. */
    private final List<String> journal = new CopyOnWriteArrayList<>();
    private final List<List<String>> handledAll = new CopyOnWriteArrayList<>();
    private final List<String> handledOne = new CopyOnWriteArrayList<>();

    @BeforeEach
    void kit() {
        tracerProvider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
        Tracing tracing = new Tracing(OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build());
        meters = new SimpleMeterRegistry();
        Inbound inbound = new Inbound(config(3), new DeadLetters(meters), tracing);
        batchInbound = new BatchInbound(inbound, tracing);
    }

    @AfterEach
    void close() {
        tracerProvider.close();
    }

    /** The kit's settings, the inbound retries short (3 attempts, milliseconds apart). */
    private static MessagingConfig config(long retryAttempts) {
        MessagingConfig.Inbound inbound = new MessagingConfig.Inbound() {
            @Override
            public long retryAttempts() {
                return retryAttempts;
            }

            @Override
            public Duration retryFirstBackoff() {
                return Duration.ofMillis(1);
            }

            @Override
            public Duration retryMaxBackoff() {
                return Duration.ofMillis(5);
            }
        };
        return new MessagingConfig() {
            @Override
            public String source() {
                return "/parzen/batch-inbound-test";
            }

            @Override
            public Outbox outbox() {
                return null;
            }

            @Override
            public Inbound inbound() {
                return inbound;
            }

            @Override
            public Observability observability() {
                return null;
            }
        };
    }

    /** One poll of one partition, offsets from 0; records what is acknowledged and what is dead-lettered. */
    private final class Poll implements KafkaCommitHandler, KafkaFailureHandler {
        private final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        final List<Long> acknowledged = new CopyOnWriteArrayList<>();
        final Map<Long, Throwable> deadLettered = new ConcurrentHashMap<>();
        /** When set, writing a dead letter fails (the dead-letter topic is unreachable). */
        boolean deadLetterTopicDown;

        Poll add(String... values) {
            for (String value : values) {
                records.add(new ConsumerRecord<>(TOPIC, 0, records.size(), "task-1", value));
            }
            return this;
        }

        long last() {
            return records.size() - 1;
        }

        IncomingKafkaRecordBatch<String, String> batch() {
            Map<TopicPartition, List<ConsumerRecord<String, String>>> byPartition = new LinkedHashMap<>();
            byPartition.put(new TopicPartition(TOPIC, 0), records);
            return new IncomingKafkaRecordBatch<>(new ConsumerRecords<>(byPartition), "test-events", 0, this, this,
                    false, false);
        }

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
            journal.add("ack@" + record.getOffset());
            acknowledged.add(record.getOffset());
            return Uni.createFrom().voidItem();
        }

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            if (deadLetterTopicDown) {
                return Uni.createFrom().failure(new IllegalStateException("the dead-letter topic is unreachable"));
            }
            // as the dead-letter strategy does: the record is written to the dead-letter topic, then acknowledged
            journal.add("dead@" + record.getOffset());
            deadLettered.put(record.getOffset(), reason);
            return Uni.createFrom().completionStage(record.ack());
        }
    }

    /** Reads a record: a value starting with {@code bad} is bad input. */
    private static String read(ConsumerRecord<String, String> record) {
        if (record.value().startsWith("bad")) {
            throw new InvalidEventException("not a valid test event: " + record.value());
        }
        return record.value();
    }

    private Uni<Void> all(List<String> events) {
        journal.add("all" + events);
        handledAll.add(List.copyOf(events));
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> one(String event) {
        journal.add("one " + event);
        handledOne.add(event);
        return Uni.createFrom().voidItem();
    }

    private void consume(Poll poll, Function<List<String>, Uni<Void>> handleAll, Function<String, Uni<Void>> handleOne) {
        batchInbound.consume(poll.batch(), BatchInboundTest::read, handleAll, handleOne).await().atMost(AT_MOST);
    }

    private double deadLetterCount(String reason) {
        var counter = meters.find(MeterNames.DEAD_LETTERS).tag("topic", TOPIC).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private List<SpanData> consumerSpans() {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CONSUMER).toList();
    }

    @Test
    void aBadRecordInTheMiddleIsDeadLetteredAloneAndTheValidOnesAreHandledInOneCall() {
        Poll poll = new Poll().add("a", "b", "bad-c", "d", "e");

        consume(poll, this::all, this::one);

        assertThat(handledAll).containsExactly(List.of("a", "b", "d", "e"));
        assertThat(handledOne).isEmpty();
        assertThat(poll.deadLettered).containsOnlyKeys(2L);
        assertThat(poll.deadLettered.get(2L)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not a valid test event: bad-c");
        assertThat(deadLetterCount(MeterNames.REASON_INVALID)).isEqualTo(1);
        // the poll's acknowledgement (its last offset) comes after everything else
        assertThat(journal).last().isEqualTo("ack@" + poll.last());
        assertThat(journal).containsSubsequence("dead@2", "all[a, b, d, e]", "ack@4");

        // one CONSUMER span per record: the valid ones ended well, the bad one failed
        List<SpanData> consumers = consumerSpans();
        assertThat(consumers).hasSize(5);
        assertThat(consumers).filteredOn(s -> s.getStatus().getStatusCode() == StatusCode.ERROR)
                .extracting(s -> s.getAttributes().get(Tracing.KAFKA_OFFSET)).containsExactly(2L);
    }

    @Test
    void eachTracedEventCarriesTheContextOfItsOwnRecordsConsumerSpan() {
        Poll poll = new Poll().add("a", "bad-b", "c");
        List<BatchInbound.Traced<String>> seen = new CopyOnWriteArrayList<>();
        Map<String, String> spanInWork = new ConcurrentHashMap<>();

        batchInbound.consumeTraced(poll.batch(), BatchInboundTest::read, traced -> {
            seen.addAll(traced);
            List<java.util.function.Supplier<Uni<Void>>> steps = new ArrayList<>();
            for (BatchInbound.Traced<String> t : traced) {
                steps.add(() -> t.within(() -> {
                    spanInWork.put(t.event(), io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId());
                    return Uni.createFrom().voidItem();
                }));
            }
            return BatchInbound.sequentially(steps);
        }, this::one).await().atMost(AT_MOST);

        assertThat(seen).extracting(BatchInbound.Traced::event).containsExactly("a", "c");
        // each event's part of the one call runs in the CONSUMER span of its own record (offsets 0 and 2)
        Map<Long, String> consumerSpanIdByOffset = new LinkedHashMap<>();
        consumerSpans().forEach(s -> consumerSpanIdByOffset.put(s.getAttributes().get(Tracing.KAFKA_OFFSET),
                s.getSpanId()));
        assertThat(spanInWork).containsEntry("a", consumerSpanIdByOffset.get(0L))
                .containsEntry("c", consumerSpanIdByOffset.get(2L));
        assertThat(consumerSpanIdByOffset.get(0L)).isNotEqualTo(consumerSpanIdByOffset.get(2L));
        assertThat(poll.deadLettered).containsOnlyKeys(1L);
        assertThat(journal).last().isEqualTo("ack@2");
    }

    @Test
    void whenTheWholePollFailsEachEventIsHandledAloneInPollOrderThenThePollIsAcknowledged() {
        Poll poll = new Poll().add("a", "bad-b", "c", "refused-d", "flaky-e", "f");
        AtomicInteger flakyAttempts = new AtomicInteger();

        consume(poll, events -> {
            journal.add("all" + events);
            handledAll.add(List.copyOf(events));
            return Uni.createFrom().failure(new IllegalStateException("the poll's transaction failed"));
        }, event -> {
            journal.add("one " + event);
            if (event.startsWith("refused")) {
                return Uni.createFrom().failure(new InvalidEventException("refused: " + event));
            }
            if (event.startsWith("flaky") && flakyAttempts.incrementAndGet() <= 2) {
                return Uni.createFrom().failure(new TransientFailureException("flaky attempt " + flakyAttempts.get()));
            }
            handledOne.add(event);
            return Uni.createFrom().voidItem();
        });

        assertThat(handledAll).containsExactly(List.of("a", "c", "refused-d", "flaky-e", "f"));
        // each alone, in poll order: the refused one dead-lettered alone, the flaky one retried until it went through
        assertThat(handledOne).containsExactly("a", "c", "flaky-e", "f");
        assertThat(flakyAttempts.get()).isEqualTo(3);
        assertThat(poll.deadLettered).containsOnlyKeys(1L, 3L);
        assertThat(poll.deadLettered.get(3L)).hasMessageContaining("refused: refused-d");
        assertThat(deadLetterCount(MeterNames.REASON_INVALID)).isEqualTo(2);
        assertThat(journal).containsSubsequence("dead@1", "all[a, c, refused-d, flaky-e, f]", "one a", "one c",
                "one refused-d", "dead@3", "one flaky-e", "one f", "ack@5");
        assertThat(journal).last().isEqualTo("ack@5");

        // the five valid records' spans of the poll ended failed; each handling alone had one more span
        List<SpanData> consumers = consumerSpans();
        assertThat(consumers).hasSize(1 + 5 + 5);
        assertThat(consumers).filteredOn(s -> s.getStatus().getStatusCode() == StatusCode.ERROR)
                .extracting(s -> s.getAttributes().get(Tracing.KAFKA_OFFSET))
                .containsExactlyInAnyOrder(1L, 0L, 2L, 3L, 4L, 5L, 3L);
    }

    @Test
    void anEventWhoseTransientFailureOutlastsTheRetriesIsDeadLetteredAfterThePollFailed() {
        Poll poll = new Poll().add("a", "down-b", "c");

        consume(poll, events -> Uni.createFrom().failure(new TransientFailureException("the database is down")),
                event -> event.startsWith("down")
                        ? Uni.createFrom().failure(new TransientFailureException("still down"))
                        : one(event));

        assertThat(handledOne).containsExactly("a", "c");
        assertThat(poll.deadLettered).containsOnlyKeys(1L);
        assertThat(poll.deadLettered.get(1L)).isInstanceOf(Inbound.RetriesExhaustedException.class)
                .hasMessageContaining("gave up after 3 attempts");
        assertThat(deadLetterCount(MeterNames.REASON_RETRIES_EXHAUSTED)).isEqualTo(1);
        assertThat(poll.acknowledged).containsExactly(1L, 2L);
    }

    @Test
    void thePollIsAcknowledgedOnlyWhenItsHandlingHasEnded() {
        Poll poll = new Poll().add("a", "b");
        CompletableFuture<Void> stored = new CompletableFuture<>();
        CompletableFuture<Void> done = batchInbound.consume(poll.batch(), BatchInboundTest::read,
                events -> Uni.createFrom().completionStage(stored), this::one).subscribeAsCompletionStage();

        assertThat(done).isNotDone();
        assertThat(poll.acknowledged).isEmpty();
        assertThat(consumerSpans()).as("the records' spans end with the poll's handling").isEmpty();

        stored.complete(null);
        Uni.createFrom().completionStage(done).await().atMost(AT_MOST);
        assertThat(poll.acknowledged).containsExactly(1L);
        assertThat(consumerSpans()).hasSize(2);
        assertThat(handledOne).isEmpty();
    }

    @Test
    void aDeadLetterThatCannotBeWrittenLeavesThePollUnacknowledged() {
        Poll poll = new Poll().add("a", "bad-b", "c");
        poll.deadLetterTopicDown = true;

        consume(poll, this::all, this::one);

        assertThat(poll.acknowledged).isEmpty();
        assertThat(poll.deadLettered).isEmpty();
        assertThat(handledAll).as("nothing is stored before the bad record's dead letter is written").isEmpty();
    }

    @Test
    void aHandlerReturningNullOrThrowingIsHandledAsTheKitDoes() {
        Poll poll = new Poll().add("a", "b", "c");

        consume(poll, events -> {
            throw new IllegalStateException("a bug in the poll's handler");
        }, event -> {
            handledOne.add(event);
            if (event.equals("b")) {
                throw new IllegalStateException("a bug in the handler of b");
            }
            return null;
        });

        // the poll's handler threw: each alone; b's bug is logged and skipped, not dead-lettered (the kit's rule)
        assertThat(handledOne).containsExactly("a", "b", "c");
        assertThat(poll.deadLettered).isEmpty();
        assertThat(poll.acknowledged).containsExactly(2L);
    }

    @Test
    void aPollOfAThousandRecordsDoesNotOverflowTheStack() {
        // every step completes synchronously: as a chain of continuations this overflows the stack (ADR 0035)
        Poll valid = new Poll();
        for (int i = 0; i < 1000; i++) {
            valid.add("v" + i);
        }
        consume(valid, this::all, this::one);
        assertThat(handledAll).hasSize(1);
        assertThat(handledAll.get(0)).hasSize(1000);
        assertThat(valid.acknowledged).containsExactly(999L);

        // the same poll when the poll's handler fails: a thousand events alone, one after the other
        handledOne.clear();
        Poll again = new Poll();
        for (int i = 0; i < 1000; i++) {
            again.add("v" + i);
        }
        consume(again, events -> Uni.createFrom().failure(new IllegalStateException("rolled back")), this::one);
        assertThat(handledOne).hasSize(1000).startsWith("v0", "v1").endsWith("v998", "v999");
        assertThat(again.acknowledged).containsExactly(999L);

        // a thousand bad records, each dead-lettered alone
        Poll bad = new Poll();
        for (int i = 0; i < 1000; i++) {
            bad.add("bad" + i);
        }
        consume(bad, this::all, this::one);
        assertThat(bad.deadLettered).hasSize(1000);
        assertThat(Set.copyOf(bad.deadLettered.keySet())).contains(0L, 999L);
        assertThat(bad.acknowledged).contains(999L);
    }
}
