package io.parzen.task.tasks;

import java.util.List;

/** One page of tasks, newest first. */
public record TaskPage(List<TaskView> items, int page, int size, long total) {
}
