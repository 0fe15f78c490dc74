package io.parzen.executor.messaging;

import io.parzen.events.EnvironmentVariables;
import io.parzen.events.Events;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.environment.ServedEnvironments;
import io.parzen.executor.execution.Execution;
import io.parzen.executor.execution.ExecutionService;
import io.parzen.executor.heartbeat.Heartbeats;
import io.parzen.executor.kubernetes.KubernetesRuns;
import io.parzen.executor.process.ExecutionScheduler;
import io.parzen.messaging.inbound.EventReader;
import io.parzen.messaging.inbound.Inbound;
import io.parzen.messaging.inbound.InvalidEventException;
import io.parzen.messaging.inbound.TransientFailureException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code SuggestionRequested}: stores the execution as queued (once per execution id and
 * attempt, see {@link ExecutionService#accept}) and queues it — or, when a slot is free and nothing is queued
 * ahead, stores it as started with its {@code ExecutionStarted} and runs it (ADR 0039). The executor runs only what Parzen asked: an unreadable or invalid record, one
 * whose execution id is not {@code <taskId>-<seq>}, whose command is empty, whose declared
 * environment variables break {@link EnvironmentVariables}' rule, or whose task has finished, is
 * refused: it fails and goes to the dead-letter topic with the reason; nothing runs. The messaging
 * kit's {@link Inbound} applies the rule (a transient failure is retried, a bug logged). A request
 * for an environment this instance does not serve ({@link ServedEnvironments}) is acknowledged and
 * ignored: not validated, not stored, no dead letter, no event.
 */
@ApplicationScoped
public class SuggestionConsumer {

    @Inject
    ExecutionService executions;

    @Inject
    ExecutionScheduler scheduler;

    @Inject
    Inbound inbound;

    @Inject
    ServedEnvironments served;

    @Inject
    Heartbeats heartbeats;

    @Inject
    KubernetesRuns kubernetes;

    private final EventReader reader = new EventReader();

    @Incoming("suggestion-requested")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbound.consume(record, r -> {
            SuggestionRequested request = reader.read(r.value(), SuggestionRequested.class);
            if (request != null && !served.serves(request)) {
                return request; // another executor's: not validated, not refused, ignored below
            }
            validate(request);
            return request;
        }, this::handle);
    }

    private Uni<Void> handle(SuggestionRequested request) {
        if (!served.serves(request)) {
            return Uni.createFrom().voidItem();
        }
        // a free slot now: the acceptance records the start too, one transaction instead of two (ADR 0039)
        ExecutionScheduler.Slot slot = kubernetes.serves(request.environmentOrDefault()) ? null
                : scheduler.reserve(Execution.queued(request, Instant.now()));
        return executions.accept(request, slot == null ? null : scheduler.executorName(),
                        slot == null ? null : heartbeats.runningAtAcceptance(request))
                .onFailure().invoke(() -> scheduler.release(slot))
                .chain(accepted -> {
            if (accepted.started()) {
                scheduler.runStarted(slot, accepted.toRun()); // its heartbeat went with the acceptance
                return Uni.createFrom().voidItem();
            }
            scheduler.release(slot);
            if (accepted.refusal() != null) {
                return Uni.createFrom().failure(new InvalidEventException(accepted.refusal()));
            }
            if (accepted.supersedes() != null) {
                return supersede(request, accepted.supersedes());
            }
            if (accepted.toRun() == null) {
                return Uni.createFrom().voidItem();
            }
            if (kubernetes.runs(accepted.toRun())) {
                // an environment of kind kubernetes: a Job (found, not created again, when it exists)
                return kubernetes.start(accepted.toRun()).chain(() -> heartbeat(request));
            }
            if (!scheduler.enqueue(accepted.toRun())) {
                return Uni.createFrom().failure(new TransientFailureException("execution " + request.executionId()
                        + ": an earlier attempt's run is still ending here; attempt " + request.attemptOrFirst()
                        + " is queued once it has"));
            }
            return heartbeat(request);
        });
    }

    /** The periodic heartbeat covers it if this one cannot be stored (the request is accepted either way). */
    private Uni<Void> heartbeat(SuggestionRequested request) {
        return heartbeats.accepted(request).onFailure().invoke(e -> Log.warnf("heartbeat of %s not stored: %s",
                request.executionId(), e.toString())).onFailure().recoverWithNull();
    }

    /**
     * A later attempt arrived while an earlier one is still queued or running here (task-service's watchdog
     * declared it lost meanwhile): the earlier one is stopped, and the request fails transiently, so that the
     * messaging kit hands it again (with backoff) once the earlier attempt has ended; then it runs.
     */
    private Uni<Void> supersede(SuggestionRequested request, int earlier) {
        String reason = "superseded by attempt " + request.attemptOrFirst();
        return scheduler.stop(request.executionId(), reason).chain(outcome -> Uni.createFrom().failure(
                new TransientFailureException("execution " + request.executionId() + ": attempt " + earlier
                        + " is still here (" + outcome + "); attempt " + request.attemptOrFirst()
                        + " waits for it to end")));
    }

    static void validate(SuggestionRequested r) {
        if (r == null) {
            throw new InvalidEventException("not a readable SuggestionRequested record");
        }
        if (r.schemaVersion() > Events.SCHEMA_VERSION) {
            throw new InvalidEventException("unsupported schemaVersion " + r.schemaVersion());
        }
        require(r.taskId(), "taskId");
        require(r.executionId(), "executionId");
        if (r.commands() != null && !r.commands().isEmpty()) {
            if (r.command() != null) {
                throw new InvalidEventException("SuggestionRequested with both command and commands; give one");
            }
            if (r.commands().stream().anyMatch(c -> c == null || c.isBlank())) {
                throw new InvalidEventException("SuggestionRequested with an empty command in commands");
            }
        } else {
            require(r.command(), "command");
        }
        if (r.seq() < 1) {
            throw new InvalidEventException("seq must be >= 1, was " + r.seq());
        }
        if (r.timeLimitSeconds() != null && r.timeLimitSeconds() < 0) {
            throw new InvalidEventException("timeLimitSeconds must not be negative");
        }
        String expected = Events.executionId(r.taskId(), r.seq());
        if (!expected.equals(r.executionId())) {
            throw new InvalidEventException("executionId '" + r.executionId() + "' is not <taskId>-<seq> ('"
                    + expected + "')");
        }
        List<EnvironmentVariables.Problem> problems = EnvironmentVariables.problems(r.environmentVariables());
        if (!problems.isEmpty()) {
            throw new InvalidEventException("environmentVariables: " + problems.stream()
                    .map(p -> p.name() == null ? p.message() : p.name() + ": " + p.message())
                    .collect(Collectors.joining("; ")));
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("SuggestionRequested without " + field);
        }
    }
}
