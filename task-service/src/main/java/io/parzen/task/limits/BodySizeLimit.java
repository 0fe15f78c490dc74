package io.parzen.task.limits;

import io.parzen.task.validation.ErrorResponse;
import io.parzen.task.validation.FieldError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Answers 400 (naming {@code parzen.task.limits.body-size}) to a request under {@code /api/} whose
 * Content-Length is above the limit, before the body is read. A body sent without Content-Length
 * (chunked) is bounded by Quarkus' {@code quarkus.http.limits.max-body-size} instead, which answers
 * a bare 413; see docs/limits.md.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Runs before the REST layer (which reads the body). */
    static final int ORDER = -100;

    @Inject
    TaskLimits limits;

    void install(@Observes Router router) {
        router.route("/api/*").order(ORDER).handler(this::check);
    }

    void check(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length = parse(header);
        if (length <= limits.bodySize()) {
            ctx.next();
            return;
        }
        String message = "the request body is " + (length == Long.MAX_VALUE ? header : length + " bytes")
                + "; at most " + limits.bodySize() + " bytes are accepted (" + TaskLimits.PREFIX + "body-size)";
        String body = io.parzen.task.json.Json.write(new ErrorResponse(List.of(new FieldError("", header, message))));
        // read the body and drop it before answering: a client still sending would see a reset connection instead
        // of the answer. The bytes are not kept; Quarkus' quarkus.http.limits.max-body-size still bounds them.
        ctx.request().handler(ignored -> { })
                .endHandler(ignored -> answer(ctx, body))
                .exceptionHandler(ignored -> ctx.response().reset());
    }

    private static void answer(RoutingContext ctx, String body) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(400)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(body);
        }
    }

    /** The Content-Length, -1 when there is none, Long.MAX_VALUE when it is not a number. */
    static long parse(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
