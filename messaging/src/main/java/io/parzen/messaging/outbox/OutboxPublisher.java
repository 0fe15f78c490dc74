package io.parzen.messaging.outbox;

import io.parzen.messaging.CloudEventHeaders;
import io.parzen.messaging.MessagingConfig;
import io.parzen.messaging.observability.FinishedExecutions;
import io.parzen.messaging.tracing.TraceContext;
import io.parzen.messaging.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Publishes this service's outbox to Kafka through the {@code outbox} channel (each record names its
 * topic, key and CloudEvents headers; the channel's producer is configured by the service: acks=all,
 * idempotent). A round ({@link OutboxRelay}) runs
 * <ul>
 * <li>right after a commit that wrote rows: the writers' {@code NOTIFY parzen_outbox} reaches the
 * {@code LISTEN} connection of every instance;</li>
 * <li>at startup and every {@code parzen.messaging.outbox.poll-interval} ({@link OutboxClock}), for
 * rows a crash, a broker outage or a lost notification left behind;</li>
 * <li>whenever {@link #kick()} is called.</li>
 * </ul>
 * One round runs at a time in this process; several instances share the table safely (per-key
 * advisory locks, see {@link OutboxRelay}). Sent rows are deleted after {@code retention}.
 */
@ApplicationScoped
@IfBuildProperty(name = "parzen.messaging.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxPublisher {

    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);

    private final MutinyEmitter<String> emitter;
    private final Vertx vertx;
    private final MessagingConfig config;
    private final OutboxRelay relay;
    private final Mutiny.SessionFactory sessions;
    private final Optional<String> url;
    private final Optional<String> user;
    private final Optional<String> password;
    private final FinishedExecutions finishedExecutions;
    private final Tracing tracing;
    private final OutboxWriter writer;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile PgSubscriber subscriber;

    public OutboxPublisher(@Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<String> emitter, Vertx vertx, Mutiny.SessionFactory sessions, MessagingConfig config,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            FinishedExecutions finishedExecutions, Tracing tracing, OutboxWriter writer) {
        this.writer = writer;
        this.finishedExecutions = finishedExecutions;
        this.tracing = tracing;
        this.emitter = emitter;
        this.vertx = vertx;
        this.config = config;
        this.sessions = sessions;
        this.relay = new OutboxRelay(sessions, this::send, config.outbox().batchSize(), config.source());
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Asks for a publishing round; returns at once. Safe to call from any thread, as often as wanted. */
    public void kick() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            VertxContexts.onSafeContext(vertx, this::drain).subscribe().with(
                    ignored -> finished(),
                    failure -> {
                        LOG.warnf("Publishing the outbox failed; retrying on the next round: %s", failure.toString());
                        finished();
                    });
        }
    }

    /** Deletes the rows sent longer than {@code parzen.messaging.outbox.retention} ago; returns at once. */
    public void purge() {
        Instant cutoff = Instant.now().minus(config.outbox().retention());
        VertxContexts.onSafeContext(vertx, () -> relay.purge(cutoff)).subscribe().with(
                n -> LOG.debugf("Purged %d sent outbox rows", n),
                failure -> LOG.warnf("Purging the outbox failed: %s", failure.toString()));
    }

    /**
     * The Kafka send of one row: its payload to its topic, with its key and headers. A row written in a
     * trace is sent in a {@code PRODUCER} span, child of the row's context, whose context the record's
     * {@code traceparent} carries (without an SDK: the row's own traceparent).
     */
    Uni<Void> send(OutboxMessage row, Map<String, String> headers) {
        Context parent = TraceContext.extract(headers.get(TraceContext.TRACEPARENT), headers.get(TraceContext.TRACESTATE));
        Span span = TraceContext.traceId(parent) == null ? Span.getInvalid()
                : tracing.producer(parent, row.topic, row.recordKey, row.eventId, row.eventType);
        Map<String, String> sent = headers;
        if (span.getSpanContext().isValid()) {
            sent = new LinkedHashMap<>(headers);
            sent.putAll(TraceContext.headers(parent.with(span)));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.recordKey)
                .withHeaders(CloudEventHeaders.toKafka(sent))
                .build();
        return emitter.sendMessage(Message.of(row.payload).addMetadata(metadata))
                .invoke(() -> finishedExecutions.published(row))
                .onItemOrFailure().invoke((ignored, failure) -> {
                    if (failure == null) {
                        span.end();
                    } else {
                        Tracing.fail(span, failure);
                    }
                });
    }

    /**
     * Brings a table from before the kit to its column names and gives it its notification trigger
     * ({@link OutboxSchema}; from then on the writers leave the notification to the table), then listens for
     * the commit notifications (when enabled) and publishes what is pending.
     */
    void start() {
        VertxContexts.onSafeContext(vertx, () -> OutboxSchema.migrate(sessions)).subscribe().with(
                notifies -> {
                    writer.tableNotifies(notifies);
                    listenAndPublish();
                },
                failure -> {
                    LOG.warnf("Migrating the outbox table failed: %s", failure.toString());
                    listenAndPublish();
                });
    }

    private void listenAndPublish() {
        if (config.outbox().listen() && url.isPresent()) {
            try {
                listen(url.get());
            } catch (RuntimeException e) {
                LOG.warnf("Cannot listen for outbox notifications (%s); publishing every %s only", e.toString(),
                        config.outbox().pollInterval());
            }
        }
        kick();
    }

    void stop() {
        PgSubscriber s = subscriber;
        subscriber = null;
        if (s != null) {
            s.close();
        }
    }

    private void listen(String datasourceUrl) {
        String first = datasourceUrl.split(",")[0].trim();
        if (first.startsWith("vertx-reactive:")) {
            first = first.substring("vertx-reactive:".length());
        }
        PgConnectOptions options = PgConnectOptions.fromUri(first);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        PgSubscriber s = PgSubscriber.subscriber(vertx, options);
        // keep reconnecting (a database restart); the poll publishes meanwhile
        s.reconnectPolicy(retries -> 2000L);
        s.channel(OutboxWriter.CHANNEL).handler(payload -> kick());
        s.connect().onComplete(done -> {
            if (done.failed()) {
                LOG.warnf("Cannot listen for outbox notifications (%s); publishing every %s only",
                        done.cause().toString(), config.outbox().pollInterval());
            }
        });
        subscriber = s;
    }

    private void finished() {
        running.set(false);
        if (requested.get()) {
            kick();
        }
    }

    /** Rounds until one sends less than a full batch. A kick meanwhile is served by {@link #finished()}. */
    private Uni<Void> drain() {
        requested.set(false);
        return relay.round().chain(sent -> sent >= relay.batchSize() ? drain() : Uni.createFrom().voidItem());
    }
}
