package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.launcher.Http;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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

/**
 * Environments through the whole system: a task for environment {@code outside} is run by an outside
 * executor (a plain Kafka client here, speaking the contract of events/README.md, "Writing an
 * executor"); a task for an environment nobody serves ends with its executions crashed
 * {@code not-started} (its start timeout is 5 s here, set through the services' JVM options).
 */
@ExtendWith(SharedSystem.class)
class EnvironmentsIT {

    static E2eSystem e2e;
    static OutsideExecutor outside;

    @RegisterExtension
    static final E2eSystem.LogsOnFailure logs = new E2eSystem.LogsOnFailure(() -> e2e);

    @BeforeAll
    static void start(E2eSystem shared) throws Exception {
        e2e = shared;
        outside = new OutsideExecutor(e2e.system.config().kafkaBootstrap(), "outside");
        outside.start();
    }

    @AfterAll
    static void stop() {
        if (outside != null) {
            outside.close();
        }
    }

    private static ObjectNode task(String name, String environment, int executions) {
        ObjectNode task = Http.JSON.createObjectNode();
        task.put("name", name);
        task.put("type", "random_search");
        task.put("command", "python3 never_run_locally.py {parameters}");
        ArrayNode params = task.putArray("parameters");
        params.addObject().put("name", "x").put("distribution", "uniform").put("min", 0).put("max", 1);
        task.put("maxExecutions", executions);
        task.put("batchSize", executions);
        task.putObject("target").put("metric", "score").put("value", 2.0);
        task.put("environment", environment);
        return task;
    }

    @Test
    void anOutsideExecutorRunsItsEnvironmentsTaskToComplete() throws Exception {
        String id = e2e.createTask(task("e2e-outside", "outside", 2));
        JsonNode done = e2e.awaitFinal(id, Duration.ofMinutes(2));
        assertEquals("complete", done.path("status").asText(), "task: " + done);
        List<JsonNode> executions = e2e.awaitExecutionsFinal(id, 2, Duration.ofMinutes(1));
        assertEquals(2, executions.size());
        for (JsonNode e : executions) {
            assertEquals("complete", e.path("status").asText(), "execution " + e);
            assertTrue(e.path("metrics").has("score"), "metrics of " + e);
        }
        assertEquals(2, outside.ran(id), "the outside executor ran both");
    }

    @Test
    void aTaskForAnEnvironmentNobodyServesEndsWithItsExecutionsNotStarted() throws Exception {
        String id = e2e.createTask(task("e2e-nobody", "nobody", 2));
        JsonNode done = e2e.awaitFinal(id, Duration.ofMinutes(2));
        List<JsonNode> executions = e2e.awaitExecutionsFinal(id, 2, Duration.ofMinutes(1));
        for (JsonNode e : executions) {
            assertEquals("crashed", e.path("status").asText(), "execution " + e);
            assertEquals("not-started", e.path("statusReason").asText(), "execution " + e);
        }
        assertTrue(Set.of("error", "complete").contains(done.path("status").asText()), "task: " + done);
        assertEquals(0, outside.ran(id));
    }

    /** An executor outside Parzen: serves one environment over Kafka, as the contract says. */
    static final class OutsideExecutor implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final KafkaProducer<String, String> producer;
        private final String environment;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<String, Integer> ranByTask = new java.util.concurrent.ConcurrentHashMap<>();
        private final Thread thread;

        OutsideExecutor(String bootstrap, String environment) {
            this.environment = environment;
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "platform-e2e-" + UUID.randomUUID());
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
            thread = new Thread(this::loop, "outside-executor");
            thread.setDaemon(true);
        }

        void start() {
            consumer.subscribe(List.of("parzen.suggestion-requested"));
            thread.start();
        }

        int ran(String taskId) {
            return ranByTask.getOrDefault(taskId, 0);
        }

        private void loop() {
            try {
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        JsonNode request = Http.JSON.readTree(r.value());
                        String env = request.path("environment").asText("local");
                        if (!environment.equals(env)) {
                            continue; // someone else's
                        }
                        run(request);
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

        private void run(JsonNode request) throws Exception {
            String taskId = request.path("taskId").asText();
            String executionId = request.path("executionId").asText();
            int seq = request.path("seq").asInt();
            double x = request.path("parameters").path("x").asDouble();
            ObjectNode held = Http.JSON.createObjectNode().put("executionId", executionId).put("attempt", 1)
                    .put("state", "queued");
            ObjectNode beat = event(taskId).put("executorId", "outside@e2e").put("environment", environment);
            beat.putArray("executions").add(held);
            send("parzen.execution-heartbeat", "ExecutionHeartbeat", taskId, beat);
            Instant started = Instant.now();
            send("parzen.execution-started", "ExecutionStarted", taskId, event(taskId).put("executionId", executionId)
                    .put("seq", seq).put("executor", "outside@e2e"));
            for (int i = 1; i <= 3; i++) {
                ObjectNode metric = event(taskId).put("executionId", executionId).put("sequence", i);
                metric.putObject("values").put("step", i).put("score", x * i / 3);
                send("parzen.metric-logged", "MetricLogged", taskId, metric);
            }
            ObjectNode finished = event(taskId).put("executionId", executionId).put("seq", seq).put("status", "complete")
                    .put("exitCode", 0).put("startedAt", started.toString()).put("finishedAt", Instant.now().toString());
            finished.putObject("metrics").put("step", 3).put("score", x);
            send("parzen.execution-finished", "ExecutionFinished", taskId, finished);
            ranByTask.merge(taskId, 1, Integer::sum);
        }

        private static ObjectNode event(String taskId) {
            return Http.JSON.createObjectNode().put("eventId", UUID.randomUUID().toString()).put("schemaVersion", 1)
                    .put("taskId", taskId).put("occurredAt", Instant.now().toString());
        }

        private void send(String topic, String type, String taskId, ObjectNode value) throws Exception {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, taskId, value.toString());
            Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", value.path("eventId").asText(),
                    "ce_type", "io.parzen." + type + ".v1", "ce_source", "/e2e/outside-executor",
                    "ce_time", value.path("occurredAt").asText(), "ce_subject", taskId,
                    "content-type", "application/json");
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
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
