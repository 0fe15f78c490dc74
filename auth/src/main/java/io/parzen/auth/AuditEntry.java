package io.parzen.auth;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of the audit log.
 *
 * @param subject the token's {@code sub}, or {@code anonymous} when the request had no valid token
 * @param project the task's project, or null when it is not known (a request refused before it was read)
 * @param action what was asked: {@code create}, {@code from-blueprint}, {@code stop}, {@code lint}, ...
 * @param taskId the task, or null when there is none (a refused create, a lint)
 * @param outcome {@code ok}, {@code denied} (401/403), {@code rejected} (invalid input),
 *                {@code not-found}, {@code conflict} or {@code error}
 * @param reason why, for every outcome but {@code ok}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(String subject, String project, String action, String taskId, String outcome,
                         String reason) {

    public static final String OK = "ok";
    public static final String DENIED = "denied";
    public static final String REJECTED = "rejected";
    public static final String NOT_FOUND = "not-found";
    public static final String CONFLICT = "conflict";
    public static final String ERROR = "error";

    /** The subject of a request without a valid token. */
    public static final String ANONYMOUS = "anonymous";
}
