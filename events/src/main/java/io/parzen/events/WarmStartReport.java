package io.parzen.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How a task was warm-started (docs/decisions/0034): the optimizer's account of the prior observations it gave
 * the task's model, carried by the {@link SuggestionRequested} events of the task's first batch, so that
 * task-service can show it in the task view without a table or a topic of its own.
 *
 * @param observations prior observations given to the model in all (never executions of this task)
 * @param sources one entry per task of {@link TaskSpec#warmStartFrom()}, in that order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WarmStartReport(int observations, List<Source> sources) {

    public WarmStartReport {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /**
     * What one earlier task gave.
     *
     * @param taskId the earlier task
     * @param observations its complete results kept (mapped into the new search space)
     * @param dropped its complete results left out (a value outside the new space, off its grid, not among its
     *        choices, a parameter of another kind, or a parameter of the new space the earlier task lacks)
     * @param reason why the task gave nothing at all, e.g. {@code no study of this task}, {@code another target};
     *        null when it was used
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String taskId, int observations, int dropped, String reason) {
    }
}
