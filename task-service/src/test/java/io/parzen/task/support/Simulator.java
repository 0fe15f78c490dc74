package io.parzen.task.support;

import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionStarted;
import io.parzen.events.MetricLogged;
import io.parzen.events.SuggestionRequested;
import java.time.Instant;
import java.util.Map;

/** Builds the optimizer's and the executor's events for one task. */
public record Simulator(String taskId) {

    public SuggestionRequested suggestion(int seq, int batch, Map<String, Object> parameters) {
        return suggestion(seq, batch, parameters, "random");
    }

    /** A suggestion from {@code source}: random, model, grid or manual. */
    public SuggestionRequested suggestion(int seq, int batch, Map<String, Object> parameters, String source) {
        return new SuggestionRequested(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(),
                Events.executionId(taskId, seq), seq, batch, parameters, source, "python3 train.py {parameters}",
                null, null, null);
    }

    public ExecutionStarted started(int seq) {
        return ExecutionStarted.of(taskId, Events.executionId(taskId, seq), seq, "test@localhost");
    }

    public MetricLogged metric(int seq, int sequence, Map<String, Object> values) {
        return MetricLogged.of(taskId, Events.executionId(taskId, seq), sequence, values);
    }

    public ExecutionFinished finished(int seq, String status, Map<String, Object> metrics) {
        Instant now = Instant.now();
        return new ExecutionFinished(Events.newEventId(), Events.SCHEMA_VERSION, taskId, now,
                Events.executionId(taskId, seq), seq, status, "complete".equals(status) ? 0 : 1,
                "complete".equals(status) ? null : "exit code 1", metrics, now.minusSeconds(5), now);
    }
}
