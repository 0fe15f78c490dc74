package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.conformance.ConformanceCommand;
import io.parzen.deploy.launcher.Http;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * {@code ./parzen conformance} against the whole system: executor-service, serving environment {@code conf} as
 * well as {@code local}, passes every rule; an executor that answers each request with two ExecutionFinished and
 * metric lines in falling order fails exactly those rules.
 */
@ExtendWith(SharedSystem.class)
class ConformanceIT {

    static E2eSystem e2e;
    static BrokenExecutor broken;

    @RegisterExtension
    static final E2eSystem.LogsOnFailure logs = new E2eSystem.LogsOnFailure(() -> e2e);

    @BeforeAll
    static void start(E2eSystem shared) throws Exception {
        e2e = shared;
        broken = new BrokenExecutor(e2e.system.config().kafkaBootstrap(), "broken");
        broken.start();
    }

    @AfterAll
    static void stop() {
        if (broken != null) {
            broken.close();
        }
    }

    record Run(int exit, String output) {
        List<String> lines() {
            return output.lines().toList();
        }

        boolean has(String verdict, String rule) {
            return lines().stream().anyMatch(l -> l.startsWith(verdict + " " + rule + " "));
        }
    }

    static Run conformance(String environment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(new ConformanceCommandForTest(out)).execute("--bootstrap",
                e2e.system.config().kafkaBootstrap(), "--environment", environment, "--timeout", "PT2M",
                "--command", "python3 smooth.py {parameters}", "--working-directory", E2eSystem.scriptDir().toString(),
                "--metric", "loss");
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.println("conformance " + environment + " (exit " + exit + "):\n" + output);
        return new Run(exit, output);
    }

    @Test
    void executorServicePassesEveryRule() {
        Run run = conformance("conf");
        assertEquals(0, run.exit(), run.output());
        for (String rule : List.of("schema-valid", "cloudevents-headers", "key-is-task-id", "one-finished-per-request",
                "ids-echoed", "metric-sequence-increasing", "timestamps-ordered", "task-finished")) {
            assertTrue(run.has("PASS", rule), rule + " should pass:\n" + run.output());
        }
    }

    @Test
    void aBrokenExecutorFailsTheRulesItBreaks() {
        Run run = conformance("broken");
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.has("FAIL", "one-finished-per-request"), run.output());
        assertTrue(run.has("FAIL", "metric-sequence-increasing"), run.output());
        assertTrue(run.has("PASS", "cloudevents-headers"), run.output());
        assertTrue(broken.answered() > 0, "the broken executor saw the requests");
    }

    /** The command with its output captured (its public constructor prints to System.out). */
    static final class ConformanceCommandForTest extends ConformanceCommand {
        ConformanceCommandForTest(PrintStream out) {
            super(out);
        }
    }

    /** Answers each request of its environment with metric lines 2 then 1 and two ExecutionFinished. */
    static final class BrokenExecutor implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final KafkaProducer<String, String> producer;
        private final String environment;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        private final Thread thread;

        BrokenExecutor(String bootstrap, String environment) {
            this.environment = environment;
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "platform-broken-" + UUID.randomUUID());
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(c);
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(p);
            thread = new Thread(this::loop, "broken-executor");
            thread.setDaemon(true);
        }

        void start() {
            consumer.subscribe(List.of("parzen.suggestion-requested"));
            thread.start();
        }

        int answered() {
            return answered.get();
        }

        private void loop() {
            try {
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        JsonNode request = Http.JSON.readTree(r.value());
                        if (environment.equals(request.path("environment").asText("local"))) {
                            answer(request);
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                // closing
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                consumer.close(Duration.ofSeconds(2));
            }
        }

        private void answer(JsonNode request) throws Exception {
            String taskId = request.path("taskId").asText();
            String executionId = request.path("executionId").asText();
            int seq = request.path("seq").asInt();
            Instant started = Instant.now();
            for (int sequence : new int[] {2, 1}) { // broken: falling sequence
                ObjectNode metric = event(taskId).put("executionId", executionId).put("sequence", sequence);
                metric.putObject("values").put("loss", 0.5);
                send("parzen.metric-logged", "MetricLogged", taskId, metric);
            }
            for (int i = 0; i < 2; i++) { // broken: two results for one request
                ObjectNode finished = event(taskId).put("executionId", executionId).put("seq", seq)
                        .put("status", "complete").put("exitCode", 0).put("startedAt", started.toString())
                        .put("finishedAt", Instant.now().toString());
                finished.putObject("metrics").put("loss", 0.5);
                send("parzen.execution-finished", "ExecutionFinished", taskId, finished);
            }
            answered.incrementAndGet();
        }

        private static ObjectNode event(String taskId) {
            return Http.JSON.createObjectNode().put("eventId", UUID.randomUUID().toString()).put("schemaVersion", 1)
                    .put("taskId", taskId).put("occurredAt", Instant.now().toString());
        }

        private void send(String topic, String type, String taskId, ObjectNode value) throws Exception {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, taskId, value.toString());
            Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", value.path("eventId").asText(),
                    "ce_type", "io.parzen." + type + ".v1", "ce_source", "/e2e/broken-executor",
                    "ce_time", value.path("occurredAt").asText(), "ce_subject", taskId,
                    "content-type", "application/json");
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        }

        @Override
        public void close() {
            running.set(false);
            consumer.wakeup();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.close(Duration.ofSeconds(2));
        }
    }
}
