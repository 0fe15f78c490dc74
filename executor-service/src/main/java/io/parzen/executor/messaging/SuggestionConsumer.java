package io.parzen.executor.messaging;

import io.parzen.events.Events;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.execution.ExecutionService;
import io.parzen.executor.process.ExecutionScheduler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code SuggestionRequested}: stores the execution as queued (once per execution id)
 * and queues it. An unreadable or invalid record fails and goes to the dead-letter topic.
 */
@ApplicationScoped
public class SuggestionConsumer {

    @Inject
    ExecutionService executions;

    @Inject
    ExecutionScheduler scheduler;

    @Incoming("suggestion-requested")
    public Uni<Void> consume(SuggestionRequested request) {
        try {
            validate(request);
        } catch (InvalidEventException e) {
            return Uni.createFrom().failure(e);
        }
        return executions.accept(request).invoke(stored -> {
            if (stored != null) {
                scheduler.enqueue(stored);
            }
        }).replaceWithVoid();
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
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("SuggestionRequested without " + field);
        }
    }
}
