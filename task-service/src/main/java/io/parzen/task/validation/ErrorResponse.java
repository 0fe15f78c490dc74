package io.parzen.task.validation;

import java.util.List;

/** Body of a 400 answer: every field that is wrong. */
public record ErrorResponse(List<FieldError> errors) {
}
