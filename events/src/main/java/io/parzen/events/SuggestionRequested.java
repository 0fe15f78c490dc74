package io.parzen.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A complete, runnable execution request; emitted by optimizer-service, consumed by any executor.
 * Topic {@value Events#TOPIC_SUGGESTION_REQUESTED}, key = task id.
 *
 * @param executionId {@link Events#executionId(String, int)} of task id and seq: a request seen twice is one execution
 * @param seq 1-based sequence number of the execution within its task
 * @param batch 1-based batch number
 * @param parameters parameter values by name, already quantized and inside their bounds (numbers, strings or
 *        booleans; a list of them for a parameter in {@code multiple})
 * @param source why these values: {@code random}, {@code model}, {@code grid}, {@code manual}
 * @param command command template; {@code {parameters}} expands to one argument per parameter
 * @param workingDirectory folder to run the command in
 * @param passAs per-parameter pass-as template (default {@code --{name}={value}}); may be null
 * @param timeLimitSeconds time limit of the execution, or null for none
 * @param environmentVariables variables the task declares for its executions (name → value), added to the
 *        executor's clean environment; may be null (older producers omit it)
 * @param commands a list of command templates, run in order through a POSIX shell, stopping at the first
 *        failure; set instead of {@code command} (which is then null)
 * @param inputs input name to the URLs to fetch into {@code $VH_INPUTS_DIR/<name>/} before the command; may be null
 * @param multiple per parameter that may hold a list value: {@code repeat} or {@code separate}
 *        ({@link ParameterSpec#multiple()}); a list value of a parameter not named here is an error; may be null
 * @param multipleSeparator per {@code separate} parameter: its separator (default {@value ParameterSpec#DEFAULT_SEPARATOR});
 *        may be null
 * @param project the task's project, copied from {@code TaskCreated}; {@value Events#DEFAULT_PROJECT} when a
 *                producer omits it
 * @param environment where to run it: only an executor that serves this environment takes it;
 *        {@value Events#DEFAULT_ENVIRONMENT} when a producer omits it
 * @param image the container image to run it in (the step's {@code image}); null = the environment's default
 * @param attempt 1 for the first run of the execution, n + 1 when Parzen runs it again after attempt n was
 *        lost to an infrastructure failure; null = 1
 * @param warmStart on the requests of a warm-started task's first batch (and their retries): how many prior
 *        observations the optimizer gave the model and from which tasks (docs/decisions/0034); null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SuggestionRequested(
        String eventId,
        int schemaVersion,
        String taskId,
        Instant occurredAt,
        String executionId,
        int seq,
        int batch,
        Map<String, Object> parameters,
        String source,
        String command,
        String workingDirectory,
        Map<String, String> passAs,
        Long timeLimitSeconds,
        Map<String, String> environmentVariables,
        List<String> commands,
        Map<String, List<String>> inputs,
        String project,
        Map<String, String> multiple,
        Map<String, String> multipleSeparator,
        String environment,
        String image,
        Integer attempt,
        WarmStartReport warmStart) implements ParzenEvent {

    public SuggestionRequested {
        project = Events.projectOrDefault(project);
    }

    /** The request before warm start (kept so that call sites compile). */
    public SuggestionRequested(String eventId, int schemaVersion, String taskId, Instant occurredAt, String executionId,
            int seq, int batch, Map<String, Object> parameters, String source, String command, String workingDirectory,
            Map<String, String> passAs, Long timeLimitSeconds, Map<String, String> environmentVariables,
            List<String> commands, Map<String, List<String>> inputs, String project, Map<String, String> multiple,
            Map<String, String> multipleSeparator, String environment, String image, Integer attempt) {
        this(eventId, schemaVersion, taskId, occurredAt, executionId, seq, batch, parameters, source, command,
                workingDirectory, passAs, timeLimitSeconds, environmentVariables, commands, inputs, project, multiple,
                multipleSeparator, environment, image, attempt, null);
    }

    /** This request carrying the account of its study's warm start (the first batch's requests do). */
    public SuggestionRequested withWarmStart(WarmStartReport report) {
        return new SuggestionRequested(eventId, schemaVersion, taskId, occurredAt, executionId, seq, batch, parameters,
                source, command, workingDirectory, passAs, timeLimitSeconds, environmentVariables, commands, inputs,
                project, multiple, multipleSeparator, environment, image, attempt, report);
    }

    /** The request before environments, images and attempts (kept so that call sites compile). */
    public SuggestionRequested(String eventId, int schemaVersion, String taskId, Instant occurredAt, String executionId,
            int seq, int batch, Map<String, Object> parameters, String source, String command, String workingDirectory,
            Map<String, String> passAs, Long timeLimitSeconds, Map<String, String> environmentVariables,
            List<String> commands, Map<String, List<String>> inputs, String project, Map<String, String> multiple,
            Map<String, String> multipleSeparator) {
        this(eventId, schemaVersion, taskId, occurredAt, executionId, seq, batch, parameters, source, command,
                workingDirectory, passAs, timeLimitSeconds, environmentVariables, commands, inputs, project, multiple,
                multipleSeparator, null, null, null);
    }

    /** {@link #environment()}, or {@value Events#DEFAULT_ENVIRONMENT} when the producer omitted it. */
    public String environmentOrDefault() {
        return Events.environmentOrDefault(environment);
    }

    /** {@link #attempt()}, or {@value Events#FIRST_ATTEMPT} when the producer omitted it. */
    public int attemptOrFirst() {
        return Events.attemptOrFirst(attempt);
    }

    /** This request as attempt {@code next} of the same execution (same id, seq, batch and values). */
    public SuggestionRequested withAttempt(int next) {
        return new SuggestionRequested(Events.newEventId(), schemaVersion, taskId, Instant.now(), executionId, seq,
                batch, parameters, source, command, workingDirectory, passAs, timeLimitSeconds, environmentVariables,
                commands, inputs, project, multiple, multipleSeparator, environment, image, next, warmStart);
    }

    /** The request without list values ({@code multiple}). */
    public SuggestionRequested(String eventId, int schemaVersion, String taskId, Instant occurredAt, String executionId,
            int seq, int batch, Map<String, Object> parameters, String source, String command, String workingDirectory,
            Map<String, String> passAs, Long timeLimitSeconds, Map<String, String> environmentVariables,
            List<String> commands, Map<String, List<String>> inputs, String project) {
        this(eventId, schemaVersion, taskId, occurredAt, executionId, seq, batch, parameters, source, command,
                workingDirectory, passAs, timeLimitSeconds, environmentVariables, commands, inputs, project, null, null, null, null, null);
    }

    /** The request before projects: a task of the {@value Events#DEFAULT_PROJECT} project. */
    public SuggestionRequested(String eventId, int schemaVersion, String taskId, Instant occurredAt, String executionId,
            int seq, int batch, Map<String, Object> parameters, String source, String command, String workingDirectory,
            Map<String, String> passAs, Long timeLimitSeconds, Map<String, String> environmentVariables,
            List<String> commands, Map<String, List<String>> inputs) {
        this(eventId, schemaVersion, taskId, occurredAt, executionId, seq, batch, parameters, source, command,
                workingDirectory, passAs, timeLimitSeconds, environmentVariables, commands, inputs, null, null, null, null, null, null);
    }

    /** The request with environment variables but without commands, inputs and project (kept so that call sites compile). */
    public SuggestionRequested(String eventId, int schemaVersion, String taskId, Instant occurredAt, String executionId,
            int seq, int batch, Map<String, Object> parameters, String source, String command, String workingDirectory,
            Map<String, String> passAs, Long timeLimitSeconds, Map<String, String> environmentVariables) {
        this(eventId, schemaVersion, taskId, occurredAt, executionId, seq, batch, parameters, source, command,
                workingDirectory, passAs, timeLimitSeconds, environmentVariables, null, null, null, null, null, null, null, null);
    }

    /** The request of the first contract (one command, no declared variables, no inputs, the default project). */
    public SuggestionRequested(String eventId, int schemaVersion, String taskId, Instant occurredAt, String executionId,
            int seq, int batch, Map<String, Object> parameters, String source, String command, String workingDirectory,
            Map<String, String> passAs, Long timeLimitSeconds) {
        this(eventId, schemaVersion, taskId, occurredAt, executionId, seq, batch, parameters, source, command,
                workingDirectory, passAs, timeLimitSeconds, null, null, null, null, null, null, null, null, null);
    }
}
