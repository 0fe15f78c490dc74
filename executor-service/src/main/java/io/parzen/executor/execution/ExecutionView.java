package io.parzen.executor.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An execution as the REST API shows it.
 *
 * @param status stored status, or the live one ({@code stopping}) while a stop is under way
 * @param argv the argv that was run (null until the process started)
 * @param workingDirectory resolved working directory (null until the process started)
 * @param executionDirectory the execution's folder; {@code logPath}, {@code parametersPath} and
 *                           {@code outputsPath} are inside it
 * @param commands the command list (null for one command, shown in {@code command})
 * @param inputs input name to the URLs fetched into {@code $VH_INPUTS_DIR/<name>/} (null for none)
 * @param attempt the attempt the view describes, the current (latest) one: 1, 2, ...; the paths are its folder's
 *                (a later attempt N has {@code attempt-N/} inside the execution's folder)
 * @param statusReason the code of why it ended ({@code ExecutionFinished.statusReason}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionView(
        String id,
        String taskId,
        String project,
        int seq,
        int batch,
        String source,
        String status,
        String reason,
        Integer exitCode,
        String command,
        Map<String, Object> parameters,
        List<String> argv,
        String requestedWorkingDirectory,
        String workingDirectory,
        String executionDirectory,
        String logPath,
        String parametersPath,
        String outputsPath,
        Long timeLimitSeconds,
        String executor,
        Long pid,
        int metricCount,
        Map<String, Object> metrics,
        Instant receivedAt,
        Instant startedAt,
        Instant finishedAt,
        List<String> commands,
        Map<String, List<String>> inputs,
        int attempt,
        String statusReason) {
}
