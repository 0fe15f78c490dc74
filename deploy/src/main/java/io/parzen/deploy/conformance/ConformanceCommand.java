package io.parzen.deploy.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.events.Events;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./parzen conformance}: checks an executor against the event contract the way a platform sees it — over
 * Kafka only. It creates a small task for the environment by producing a {@code TaskCreated} (task-service
 * registers it, ADR 0019), reads every topic of the task from the moment before, waits for its
 * {@code TaskFinished} (or {@code TaskRejected}, or the timeout) and prints one line per {@link Rule}. Exit 0
 * when every rule passes, 1 when one fails or the task did not finish, 2 for a usage error.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Create a small task for an environment over Kafka, watch the topics, and print each rule of "
                + "the executor contract as PASS or FAIL (exit 1 on any failure).")
public class ConformanceCommand implements Callable<Integer> {

    /** The topics the checker reads: the task's own and everything an executor writes. */
    static final List<String> TOPICS = List.of(Events.TOPIC_TASK_ACCEPTED, Events.TOPIC_TASK_REJECTED,
            Events.TOPIC_SUGGESTION_REQUESTED, Events.TOPIC_EXECUTION_STARTED, Events.TOPIC_METRIC_LOGGED,
            Events.TOPIC_EXECUTION_FINISHED, Events.TOPIC_EXECUTION_HEARTBEAT, Events.TOPIC_TASK_FINISHED);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers")
    String bootstrap;

    @Option(names = "--environment", required = true, paramLabel = "NAME",
            description = "the environment whose executor is checked")
    String environment;

    @Option(names = "--timeout", defaultValue = "PT5M", paramLabel = "DURATION",
            description = "how long to wait for the task to finish, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*), as Kafka's own tools take them")
    Path commandConfig;

    @Option(names = "--executions", defaultValue = "3", description = "executions of the task (default: ${DEFAULT-VALUE})")
    int executions;

    @Option(names = "--command", defaultValue = "python3 train.py {parameters}",
            description = "the task's command template (default: ${DEFAULT-VALUE})")
    String command;

    @Option(names = "--working-directory", description = "the task's working directory")
    String workingDirectory;

    @Option(names = "--metric", defaultValue = "loss", description = "the metric the task minimizes (default: ${DEFAULT-VALUE})")
    String metric;

    private final PrintStream out;

    public ConformanceCommand() {
        this(System.out);
    }

    public ConformanceCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (executions < 1 || executions > 100) {
            out.println("--executions " + executions + ": must be 1..100");
            return 2;
        }
        Properties client = clientProperties();
        String taskId = "conf-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        List<SeenRecord> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(client)) {
            Topics topics = new Topics(consumer);
            topics.assignFromTheEnd(); // fix the start before the task exists
            produceTask(client, taskId);
            out.println("task " + taskId + " created for environment " + environment + "; waiting up to " + timeout);
            String end = watch(consumer, topics, taskId, seen);
            List<Verdict> verdicts = new ConformanceRules(Duration.ofSeconds(5)).check(taskId, seen);
            verdicts.forEach(v -> out.println(v.line()));
            boolean finished = end.startsWith("finished");
            out.println((finished ? "PASS " : "FAIL ") + "task-finished — " + end);
            return finished && verdicts.stream().allMatch(Verdict::passed) ? 0 : 1;
        }
    }

    /** Reads until the task's TaskFinished or TaskRejected (then a moment more for stragglers) or the timeout. */
    private String watch(KafkaConsumer<String, String> consumer, Topics topics, String taskId, List<SeenRecord> seen) {
        Instant deadline = Instant.now().plus(timeout);
        Instant stopAt = null;
        String end = "no TaskFinished within " + timeout;
        while (Instant.now().isBefore(stopAt != null ? stopAt : deadline)) {
            topics.assignNewOnes();
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (!taskId.equals(r.key())) {
                    continue;
                }
                seen.add(new SeenRecord(r.topic(), r.key(), headers(r), r.value(), Instant.ofEpochMilli(r.timestamp())));
                if (stopAt == null && r.topic().equals(Events.TOPIC_TASK_FINISHED)) {
                    end = "finished: " + r.value();
                    stopAt = Instant.now().plusSeconds(3);
                } else if (stopAt == null && r.topic().equals(Events.TOPIC_TASK_REJECTED)) {
                    end = "rejected by task-service: " + r.value();
                    stopAt = Instant.now();
                }
            }
        }
        return end;
    }

    /**
     * The assignment: every partition of {@link #TOPICS}. A topic that does not exist yet (a broker that creates
     * topics on first use) is looked for again while watching and read from its beginning once it exists, since
     * all it holds was written after the check began.
     */
    private static final class Topics {
        private final KafkaConsumer<String, String> consumer;
        private final Set<TopicPartition> assigned = new HashSet<>();
        private final Set<String> missing = new LinkedHashSet<>(TOPICS);
        private Instant lastLook = Instant.EPOCH;

        Topics(KafkaConsumer<String, String> consumer) {
            this.consumer = consumer;
        }

        void assignFromTheEnd() {
            List<TopicPartition> found = look(Duration.ofSeconds(30));
            consumer.seekToEnd(found);
            found.forEach(consumer::position);
        }

        void assignNewOnes() {
            if (missing.isEmpty() || Instant.now().isBefore(lastLook.plusSeconds(1))) {
                return;
            }
            List<TopicPartition> found = look(Duration.ofSeconds(1));
            consumer.seekToBeginning(found);
        }

        private List<TopicPartition> look(Duration wait) {
            lastLook = Instant.now();
            List<TopicPartition> found = new ArrayList<>();
            for (String topic : List.copyOf(missing)) {
                List<org.apache.kafka.common.PartitionInfo> partitions = consumer.partitionsFor(topic, wait);
                if (partitions != null && !partitions.isEmpty()) {
                    partitions.forEach(p -> found.add(new TopicPartition(p.topic(), p.partition())));
                    missing.remove(topic);
                }
            }
            if (!found.isEmpty()) {
                assigned.addAll(found);
                consumer.assign(assigned);
            }
            return found;
        }
    }

    private void produceTask(Properties client, String taskId) throws Exception {
        ObjectNode task = JSON.createObjectNode();
        task.put("name", "conformance check of " + environment);
        task.put("type", "random_search");
        task.put("command", command);
        if (workingDirectory != null) {
            task.put("workingDirectory", workingDirectory);
        }
        ArrayNode parameters = task.putArray("parameters");
        parameters.addObject().put("name", "x").put("distribution", "uniform").put("min", 0).put("max", 1);
        task.put("maxExecutions", executions);
        task.put("batchSize", executions);
        task.putObject("target").put("metric", metric).put("direction", "minimize");
        task.put("environment", environment);
        String eventId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        ObjectNode created = JSON.createObjectNode().put("eventId", eventId).put("schemaVersion", Events.SCHEMA_VERSION)
                .put("taskId", taskId).put("occurredAt", now.toString()).put("project", Events.DEFAULT_PROJECT);
        created.set("task", task);
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Events.TOPIC_TASK_CREATED, taskId,
                    created.toString());
            Map<String, String> headers = Map.of(Events.CE_SPECVERSION, "1.0", Events.CE_ID, eventId,
                    Events.CE_TYPE, Events.Type.TASK_CREATED.cloudEventType(), Events.CE_SOURCE, "/parzen/conformance",
                    Events.CE_TIME, now.toString(), Events.CE_SUBJECT, taskId, Events.CONTENT_TYPE, "application/json");
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        }
    }

    private Properties clientProperties() throws IOException {
        Properties p = new Properties();
        if (commandConfig != null) {
            try (Reader in = Files.newBufferedReader(commandConfig)) {
                p.load(in);
            }
        }
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }

    private static KafkaConsumer<String, String> consumer(Properties client) {
        Properties c = new Properties();
        c.putAll(client);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(c);
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> r) {
        Map<String, String> h = new HashMap<>();
        for (Header header : r.headers()) {
            h.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return h;
    }
}
