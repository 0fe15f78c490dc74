package io.parzen.metrics;

import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The JSON body of every 4xx answer of the REST API. */
@Schema(name = "Error", description = "Why a request failed")
public record ApiError(
        @Schema(example = "404") int status,
        @Schema(example = "task 3f2b8c1e is unknown to metrics-service (no TaskCreated seen); pass ?metric= to rank by a key")
        String message) {

    /** Maps JAX-RS exceptions thrown by resources and services to an {@link ApiError} body. */
    public static class Mapper {

        @ServerExceptionMapper
        public RestResponse<ApiError> map(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String message = e.getMessage() == null ? "" : e.getMessage();
            return RestResponse.status(RestResponse.Status.fromStatusCode(status), new ApiError(status, message));
        }
    }
}
