package io.parzen.deploy.loadbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionStarted;
import io.parzen.events.MetricLogged;
import io.parzen.events.ParzenEvent;
import io.parzen.events.SuggestionRequested;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmark's simulated environment: an executor over Kafka only, as an outside platform would
 * write one (events/README.md "Writing an executor"). For every {@code SuggestionRequested} of its
 * environment it writes {@code ExecutionStarted} at once, then after the simulated duration one
 * {@code MetricLogged} and {@code ExecutionFinished(complete)} whose metric is {@link #objective} of
 * the parameters. One scheduler thread and one producer serve every execution (no thread per
 * execution); a request it already took (same execution and attempt, a redelivery) is not run again.
 */
public final class SimulatedExecutor implements AutoCloseable {

    /** The metric the simulated executions report, minimized by the benchmark's tasks. */
    public static final String METRIC = "loss";
    static final String SOURCE = "/parzen/loadbench";
    static final String EXECUTOR = "loadbench-sim";

    private static final ObjectMapper JSON = Events.mapper();

    private final String environment;
    private final long durationMs;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "loadbench-sim-timers");
        t.setDaemon(true);
        return t;
    });
    private final Thread poller;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<String> taken = ConcurrentHashMap.newKeySet();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger redelivered = new AtomicInteger();
    private final AtomicInteger sendErrors = new AtomicInteger();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    /**
     * @param client bootstrap servers and security settings of the benchmark's Kafka clients
     * @param group the consumer group (a {@code platform-} name, which a secured broker grants to platforms)
     */
    public SimulatedExecutor(Properties client, String group, String environment, long durationMs) {
        this.environment = environment;
        this.durationMs = durationMs;
        Properties c = new Properties();
        c.putAll(client);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(c);
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
        poller = new Thread(this::loop, "loadbench-sim");
        poller.setDaemon(true);
    }

    public void start() {
        consumer.subscribe(List.of(Events.TOPIC_SUGGESTION_REQUESTED));
        poller.start();
    }

    /** A cheap benchmark function of the parameters: the sphere Σ (v − 0.5)² over the numeric ones. */
    public static double objective(Map<String, Object> parameters) {
        double sum = 0;
        for (Object v : parameters.values()) {
            if (v instanceof Number n) {
                double d = n.doubleValue() - 0.5;
                sum += d * d;
            }
        }
        return sum;
    }

    private void loop() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    SuggestionRequested request;
                    try {
                        request = JSON.readValue(r.value(), SuggestionRequested.class);
                    } catch (Exception e) {
                        continue; // not ours to judge: the services' own consumers dead-letter it
                    }
                    if (environment.equals(request.environmentOrDefault())) {
                        take(request);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            lastError.set(e.toString());
            throw e;
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void take(SuggestionRequested request) {
        if (!taken.add(request.executionId() + "#" + request.attemptOrFirst())) {
            redelivered.incrementAndGet();
            return;
        }
        Instant startedAt = Instant.now();
        send(startedRecord(request));
        started.incrementAndGet();
        timers.schedule(() -> finish(request, startedAt), durationMs, TimeUnit.MILLISECONDS);
    }

    private void finish(SuggestionRequested request, Instant startedAt) {
        if (!running.get()) {
            return;
        }
        finishRecords(request, startedAt).forEach(this::send);
        finished.incrementAndGet();
    }

    /** What the executor writes when it takes a request: {@code ExecutionStarted}. */
    static ProducerRecord<String, String> startedRecord(SuggestionRequested request) {
        return record(Events.TOPIC_EXECUTION_STARTED, ExecutionStarted.of(request.taskId(), request.executionId(),
                request.seq(), EXECUTOR, request.attemptOrFirst()));
    }

    /** What it writes when the simulated run ends: one {@code MetricLogged}, then {@code ExecutionFinished(complete)}. */
    static List<ProducerRecord<String, String>> finishRecords(SuggestionRequested request, Instant startedAt) {
        int attempt = request.attemptOrFirst();
        double value = objective(request.parameters() == null ? Map.of() : request.parameters());
        Map<String, Object> metrics = Map.of(METRIC, value);
        ProducerRecord<String, String> metric = record(Events.TOPIC_METRIC_LOGGED,
                MetricLogged.of(request.taskId(), request.executionId(), 1, metrics, attempt));
        Instant now = Instant.now();
        ProducerRecord<String, String> finished = record(Events.TOPIC_EXECUTION_FINISHED, new ExecutionFinished(
                Events.newEventId(), Events.SCHEMA_VERSION, request.taskId(), now, request.executionId(), request.seq(),
                ExecutionFinished.COMPLETE, 0, null, metrics, startedAt, now, null, attempt));
        return List.of(metric, finished);
    }

    /** The record of an event: keyed by task id, with the CloudEvents headers of the contract. */
    static ProducerRecord<String, String> record(String topic, ParzenEvent event) {
        String value;
        try {
            value = JSON.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialize " + event, e);
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.taskId(), value);
        Events.cloudEventHeaders(event, SOURCE)
                .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private void send(ProducerRecord<String, String> record) {
        producer.send(record, (meta, error) -> {
            if (error != null) {
                sendErrors.incrementAndGet();
                lastError.set(error.toString());
            }
        });
    }

    public int started() {
        return started.get();
    }

    public int finished() {
        return finished.get();
    }

    public int redelivered() {
        return redelivered.get();
    }

    public int sendErrors() {
        return sendErrors.get();
    }

    public String lastError() {
        return lastError.get();
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
