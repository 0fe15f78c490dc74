package io.parzen.auth;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of a 401 or 403 answer.
 *
 * @param error {@code unauthorized} (401) or {@code forbidden} (403)
 * @param reason for 401: {@code missing} (no bearer token), {@code invalid} (bad signature, issuer,
 *               format, no key configured...) or {@code expired}; for 403: {@code role} or {@code project}
 * @param message what went wrong and what to do, in words
 * @param requiredRole for a 403 by role: the least role that may do this
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthError(String error, String reason, String message, String requiredRole) {

    public static final String MISSING = "missing";
    public static final String INVALID = "invalid";
    public static final String EXPIRED = "expired";
}
