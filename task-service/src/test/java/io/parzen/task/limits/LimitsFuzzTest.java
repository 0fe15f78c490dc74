package io.parzen.task.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.messaging.outbox.OutboxMessage;
import io.parzen.task.lifecycle.TaskEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import java.net.URI;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Sends {@value #BODIES} generated malformed bodies (our own seeded generators, see {@link MalformedBodies} and {@link Gen}; the seed is fixed, {@code -Dparzen.fuzz.seed=} picks another)
 * to the running task-service and proves that every answer is a 4xx, that no task was stored, no
 * outbox row written and no TaskCreated record published. The lint endpoint, which answers 200 with
 * {@code valid: false} by contract, gets {@value #LINT_BODIES} more blueprints on top and must never
 * answer 5xx nor call one valid.
 *
 * <p>The generators are sampled with {@link Gen#stream(long)} from {@link io.parzen.task.limits.Properties#seed()}.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class LimitsFuzzTest {

    static final int BODIES = 10_000;
    static final int LINT_BODIES = 1_000;
    static final int IN_FLIGHT = 8;

    @TestHTTPResource("/")
    URI base;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** Every request of this test is built here: an Authorization header goes here when the API needs one. */
    HttpRequest.Builder request(String path, String contentType) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + io.parzen.auth.testing.TestTokens.operator());
    }

    /** What came back; {@code detail} (what was sent and answered) is kept only for unexpected answers. */
    record Answer(String kind, int status, boolean explained, String detail) {
    }

    /** Which answers are expected: the others keep their detail for the failure report. */
    interface Expected {
        boolean test(int status, String body);
    }

    @Test
    void malformedBodiesAreRejectedAndLeaveNoTrace() throws Throwable {
        long tasksBefore = count(TaskEntity.class);
        long outboxBefore = count(OutboxMessage.class);
        Set<String> knownTasks = Set.copyOf(taskIds());
        {
            long start = System.nanoTime();
            long seed = io.parzen.task.limits.Properties.seed();
            List<Answer> answers = send(MalformedBodies.all().stream(seed).limit(BODIES).iterator(),
                    (status, body) -> status >= 400 && status < 500);
            long sent = System.nanoTime();

            Map<Integer, Integer> histogram = histogram(answers);
            Map<String, Integer> kinds = new TreeMap<>();
            answers.forEach(a -> kinds.merge(a.kind(), 1, Integer::sum));
            System.out.printf("%nLimitsFuzzTest: %d malformed bodies generated and sent in %d ms (%.0f/s, %d in flight, seed %d, -Dparzen.fuzz.seed=)"
                            + "%n  status codes: %s%n  kinds: %s%n", answers.size(), (sent - start) / 1_000_000,
                    answers.size() / ((sent - start) / 1e9), IN_FLIGHT, seed, histogram, kinds);

            List<String> wrong = answers.stream().filter(a -> a.detail() != null).limit(20).map(Answer::detail)
                    .toList();
            assertThat(wrong).as("answers that are not 4xx (seed " + seed + ")").isEmpty();
            assertThat(answers).hasSize(BODIES);
            assertThat(histogram.keySet()).allMatch(s -> s >= 400 && s < 500);
            // a 400 always says why
            assertThat(answers).filteredOn(a -> a.status() == 400).allMatch(Answer::explained);

            // nothing stored, nothing written to the outbox
            assertThat(count(TaskEntity.class)).isEqualTo(tasksBefore);
            assertThat(count(OutboxMessage.class)).isEqualTo(outboxBefore);
            // nothing published: after two publisher rounds, every TaskCreated is of a task that existed before
            Thread.sleep(2500);
            List<String> created = keysOn("parzen.task-created"); // those task-service wrote
            assertThat(created).allMatch(knownTasks::contains);
            System.out.printf("  tasks %d -> %d, outbox rows %d -> %d, TaskCreated records of unknown tasks: 0 (of %d)%n",
                    tasksBefore, count(TaskEntity.class), outboxBefore, count(OutboxMessage.class), created.size());
        }
    }

    @Test
    void lintNeverFailsAndNeverCallsABadBlueprintValid() throws Exception {
        long seed = io.parzen.task.limits.Properties.seed();
        // what only the service's limits reject lints valid: those are left out
        var cases = MalformedBodies.badBlueprints().filter(MalformedBodies::lintsInvalid).stream(seed)
                .limit(LINT_BODIES)
                .map(y -> new MalformedBodies.Case("lint " + MalformedBodies.kindOf(y), MalformedBodies.LINT,
                        "application/yaml", y.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .iterator();
        long start = System.nanoTime();
        // a bad blueprint is invalid, or valid for Valohai and flagged as one Parzen cannot run (LintMerge)
        List<Answer> answers = send(cases, (status, body) -> (status == 200 && (body.contains("\"valid\":false")
                || body.contains("Parzen cannot run this as written"))) || (status >= 400 && status < 500));
        System.out.printf("%nLimitsFuzzTest (lint): %d bad blueprints in %d ms (seed %d), status codes: %s%n", answers.size(),
                (System.nanoTime() - start) / 1_000_000, seed, histogram(answers));
        List<String> wrong = answers.stream().filter(a -> a.detail() != null).limit(20).map(Answer::detail).toList();
        assertThat(wrong).as("unexpected lint answers (seed " + seed + ")").isEmpty();
        assertThat(answers).hasSize(LINT_BODIES);
        assertThat(histogram(answers).keySet()).allMatch(s -> s == 200 || (s >= 400 && s < 500));
    }

    private List<Answer> send(java.util.Iterator<MalformedBodies.Case> cases, Expected expected) throws Exception {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Answer>> futures = new ArrayList<>();
        while (cases.hasNext()) {
            MalformedBodies.Case c = cases.next();
            slots.acquire();
            HttpRequest r = request(c.path(), c.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(c.body())).build();
            futures.add(http.sendAsync(r, HttpResponse.BodyHandlers.ofString())
                    .handle((resp, error) -> {
                        slots.release();
                        int status = error != null ? -1 : resp.statusCode();
                        String body = error != null ? String.valueOf(error) : resp.body();
                        boolean ok = error == null && expected.test(status, body);
                        return new Answer(c.kind(), status, body.contains("\"errors\""), ok ? null
                                : status + " for " + c.kind() + " " + c.path() + ": " + c.excerpt() + "\n  -> "
                                        + abbreviate(body));
                    }));
        }
        List<Answer> answers = new ArrayList<>(futures.size());
        for (CompletableFuture<Answer> f : futures) {
            answers.add(f.get());
        }
        return answers;
    }

    private static Map<Integer, Integer> histogram(List<Answer> answers) {
        Map<Integer, Integer> h = new TreeMap<>();
        answers.forEach(a -> h.merge(a.status(), 1, Integer::sum));
        return h;
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 400 ? s : s.substring(0, 400) + "…";
    }

    /** The key of every record on {@code topic}, read from the beginning to the end (no consumer group). */
    private static List<String> keysOn(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> keys = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(System.nanoTime()).as("reading " + topic + " to its end").isLessThan(deadline);
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    // only what task-service wrote: other test classes write platforms' TaskCreated records
                    // (ADR 0019) on the same broker
                    org.apache.kafka.common.header.Header source = r.headers().lastHeader(io.parzen.events.Events.CE_SOURCE);
                    if (source != null && io.parzen.task.outbox.Outbox.SOURCE.equals(
                            new String(source.value(), java.nio.charset.StandardCharsets.UTF_8))) {
                        keys.add(r.key());
                    }
                }
            }
            return keys;
        }
    }

    private static long count(Class<?> entity) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                entity == TaskEntity.class ? TaskEntity.count() : OutboxMessage.count()));
    }

    private static List<String> taskIds() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                TaskEntity.<TaskEntity>listAll().map(l -> l.stream().map(t -> t.id).toList())));
    }
}
