package io.parzen.task.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.parzen.task.blueprint.BlueprintException;
import io.parzen.task.blueprint.LintMessage;
import io.parzen.task.validation.ErrorResponse;
import io.parzen.task.validation.FieldError;
import io.parzen.task.validation.TaskValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the API's exceptions into JSON answers a user can act on. */
public class ErrorMappers {

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> invalid(TaskValidationException e) {
        return RestResponse.status(RestResponse.Status.BAD_REQUEST, new ErrorResponse(e.errors()));
    }

    /** A blueprint that cannot become a task: every error with its line and column. */
    @ServerExceptionMapper
    public RestResponse<BlueprintErrors> blueprint(BlueprintException e) {
        return RestResponse.status(RestResponse.Status.BAD_REQUEST, new BlueprintErrors(e.errors()));
    }

    /** Body of a 400 answer to a blueprint with errors. */
    public record BlueprintErrors(List<LintMessage> errors) {
    }

    @ServerExceptionMapper
    public RestResponse<MessageResponse> notFound(TaskNotFoundException e) {
        return RestResponse.status(RestResponse.Status.NOT_FOUND, new MessageResponse(e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<MessageResponse> conflict(TaskConflictException e) {
        return RestResponse.status(RestResponse.Status.CONFLICT, new MessageResponse(e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> mismatched(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> unreadable(JsonProcessingException e) {
        return badJson(e);
    }

    /** Quarkus wraps a body that is not JSON at all into a bare 400; give it a body that says why. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json).toResponse();
        }
        return e.getResponse();
    }

    static RestResponse<ErrorResponse> badJson(JsonProcessingException e) {
        return RestResponse.status(RestResponse.Status.BAD_REQUEST, new ErrorResponse(List.of(jsonError(e))));
    }

    /** The error a body that Jackson could not read gets: the JSON path of the field and what was expected. */
    public static FieldError jsonError(JsonProcessingException e) {
        String field = "";
        if (e instanceof JsonMappingException m) {
            StringBuilder sb = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    if (!sb.isEmpty()) {
                        sb.append('.');
                    }
                    sb.append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    sb.append('[').append(r.getIndex()).append(']');
                }
            }
            field = sb.toString();
        }
        String expected = e instanceof MismatchedInputException mi && mi.getTargetType() != null
                ? " (expected " + describe(mi.getTargetType()) + ")" : "";
        String message = "is not valid JSON for this field" + expected + ": " + e.getOriginalMessage();
        if (e.getLocation() != null) {
            message += " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        }
        return new FieldError(field, null, message);
    }

    private static String describe(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }
}
