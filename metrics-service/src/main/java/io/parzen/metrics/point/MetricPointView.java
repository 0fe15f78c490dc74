package io.parzen.metrics.point;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A metric point as the REST API returns it. Numeric points carry {@code value} (NaN and
 * infinities are written as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"});
 * text points (strings, booleans, arrays) carry {@code text} instead.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "MetricPoint", description = "One metadata value of one execution")
public record MetricPointView(
        @Schema(description = "Execution id", example = "3f2b8c1e-7") String executionId,
        @Schema(description = "1-based position of the JSON object among the execution's metadata lines", example = "3")
        int sequence,
        @Schema(description = "When the execution printed the object (UTC)", example = "2026-11-26T23:10:04.120Z")
        Instant time,
        @Schema(description = "Metadata key; nested objects are flattened with dots", example = "val_accuracy")
        String key,
        @Schema(description = "Numeric value; absent for text points", example = "0.9361")
        Double value,
        @Schema(description = "Text value of a string, boolean or array; absent for numeric points",
                example = "converged") String text,
        @Schema(description = "Which run (attempt) of the execution logged it: 1, 2, ...", example = "1")
        int attempt) {

    public static MetricPointView of(MetricPoint p) {
        return new MetricPointView(p.executionId, p.sequence, p.time, p.key, p.value, p.text, p.attempt);
    }
}
