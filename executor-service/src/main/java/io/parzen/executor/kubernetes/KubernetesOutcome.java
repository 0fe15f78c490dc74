package io.parzen.executor.kubernetes;

/**
 * How a Kubernetes execution ended, as {@code ExecutionFinished} tells it.
 *
 * @param status {@code complete}, {@code error}, {@code stopped} or {@code crashed}
 * @param exitCode the container's exit code, null when none ran to an exit
 * @param reason the human reason (e.g. {@code exit code 3}, {@code OOMKilled}); null for complete
 * @param statusReason the word of {@link io.parzen.events.vocabulary.StatusReason}; null for complete
 */
public record KubernetesOutcome(String status, Integer exitCode, String reason, String statusReason) {
}
