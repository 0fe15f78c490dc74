package io.parzen.task.analysis;

import io.parzen.task.executions.ExecutionView;
import io.parzen.task.tasks.TaskView;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What changed in a task since a cursor: the task as {@code GET /api/v1/tasks/{id}} shows it, and the
 * executions that changed after the cursor. Pass {@code cursor} as {@code since} next time.
 */
public record Changes(
        @Schema(description = "opaque; pass it as since in the next request") String cursor,
        TaskView task,
        @Schema(description = "the executions that changed after since (all of them without since), in "
                + "sequence order; an execution may come again though unchanged")
        List<ExecutionView> executions) {

    static Changes of(TaskData data, Long since) {
        io.parzen.task.executions.Feasibility feasibility = io.parzen.task.executions.Feasibility.of(data.task().spec());
        List<ExecutionView> changed = data.executions().stream()
                .filter(e -> since == null || e.changeVersion > since)
                .map(e -> ExecutionView.of(e, feasibility)).toList();
        return new Changes(cursor(data.task().changeVersion), TaskView.of(data.task(), data.executions()), changed);
    }

    static String cursor(long version) {
        return Long.toString(version);
    }

    /** The change number in a cursor, or null when {@code cursor} is not one this service gave. */
    static Long parse(String cursor) {
        if (cursor == null || cursor.isEmpty() || !cursor.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            return null;
        }
    }

}
