package io.parzen.auth;

import io.parzen.events.ExecutionId;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * 401 and 403 answers that say why, as JSON ({@link AuthError}): a 401 names {@code missing},
 * {@code invalid} (with the reason) or {@code expired}; a 403 names the role needed, or the project
 * the token may not touch. A refused request to an {@link AuditedAction} also writes its audit line.
 * Needs {@code quarkus.http.auth.proactive=false}, so that authentication failures reach these mappers.
 */
public class AuthExceptionMappers {

    private static final String BEARER_CHALLENGE = "Bearer realm=\"parzen\"";

    @Inject
    AuditLog audit;

    @Inject
    CurrentIdentityAssociation identities;

    /** No token at all (or an Authorization header of another scheme). */
    @ServerExceptionMapper
    public Response missing(UnauthorizedException e, SimpleResourceInfo resource, UriInfo uri, HttpHeaders headers) {
        String message = "this endpoint needs a token: send 'Authorization: Bearer <jwt>' (or 'Authorization: Token <jwt>')";
        String auth = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (auth != null && !auth.isBlank()) {
            message += "; the Authorization header given has another scheme";
        }
        return unauthorized(AuthError.MISSING, message, resource, uri);
    }

    /** A token that cannot be verified, or has expired. */
    @ServerExceptionMapper
    public Response invalid(AuthenticationFailedException e, SimpleResourceInfo resource, UriInfo uri) {
        InvalidJwtException jwt = find(e, InvalidJwtException.class);
        if (jwt != null && jwt.hasExpired()) {
            return unauthorized(AuthError.EXPIRED, "the token has expired; get a new one", resource, uri);
        }
        return unauthorized(AuthError.INVALID, "the token is invalid: " + why(e, jwt), resource, uri);
    }

    /** A verified caller whose role may not do this. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, SimpleResourceInfo resource, UriInfo uri) {
        Caller caller = currentCaller();
        String needed = requiredRole(resource).orElse(null);
        String has = caller.role() == null ? "no Parzen role (groups has none of viewer, operator, admin)"
                : "role " + caller.role().claimName();
        String message = needed == null ? "the token may not do this (" + has + ")"
                : "needs role " + needed + " or higher; the token has " + has;
        auditDenied(caller.subject(), resource, uri, message);
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new AuthError("forbidden", "role", message, needed)).build();
    }

    /** A verified caller that named a project its token may not touch. */
    @ServerExceptionMapper
    public Response project(ProjectForbiddenException e) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new AuthError("forbidden", "project", e.getMessage(), null)).build();
    }

    private Response unauthorized(String reason, String message, SimpleResourceInfo resource, UriInfo uri) {
        auditDenied(AuditEntry.ANONYMOUS, resource, uri, reason + ": " + message);
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE + ", error=\"invalid_token\"")
                .entity(new AuthError("unauthorized", reason, message, null)).build();
    }

    private void auditDenied(String subject, SimpleResourceInfo resource, UriInfo uri, String reason) {
        Method method = method(resource);
        AuditedAction action = method == null ? null : method.getAnnotation(AuditedAction.class);
        if (action == null) {
            return;
        }
        String id = uri.getPathParameters().getFirst(action.idParam());
        String taskId = id != null && action.idIsExecution() ? taskOfExecution(id) : id;
        audit.record(new AuditEntry(subject, null, action.value(), taskId, AuditEntry.DENIED, reason));
    }

    private Caller currentCaller() {
        SecurityIdentity identity = identities.getIdentity();
        return CurrentCaller.of(identity);
    }

    /** The least role in the method's (or else the class's) {@code @RolesAllowed}. */
    static Optional<String> requiredRole(SimpleResourceInfo resource) {
        Method method = method(resource);
        RolesAllowed allowed = method == null ? null : method.getAnnotation(RolesAllowed.class);
        if (allowed == null && resource != null && resource.getResourceClass() != null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (allowed == null) {
            return Optional.empty();
        }
        return Arrays.stream(allowed.value()).map(Role::named).flatMap(Optional::stream)
                .min(Enum::compareTo).map(Role::claimName);
    }

    private static Method method(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return null;
        }
        try {
            return resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The task id in an execution id {@code <taskId>-<seq>}; a malformed id is logged as it is. */
    static String taskOfExecution(String executionId) {
        return ExecutionId.tryParse(executionId).map(ExecutionId::taskId).orElse(executionId);
    }

    private static String why(Throwable e, InvalidJwtException jwt) {
        if (jwt != null && !jwt.getErrorDetails().isEmpty()) {
            return String.join("; ", jwt.getErrorDetails().stream().map(ErrorCodeValidator.Error::getErrorMessage)
                    .toList());
        }
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage();
        return message == null || message.isBlank() ? deepest.getClass().getSimpleName() : message;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
