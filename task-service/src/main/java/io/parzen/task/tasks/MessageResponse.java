package io.parzen.task.tasks;

/** A JSON error body with one human-readable message (404, 409). */
public record MessageResponse(String message) {
}
