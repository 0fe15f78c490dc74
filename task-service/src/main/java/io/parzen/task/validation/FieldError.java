package io.parzen.task.validation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with a task request: the field (a JSON path such as {@code parameters[1].max}),
 * the value that was given, and what is allowed instead.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FieldError(String field, Object value, String message) {
}
