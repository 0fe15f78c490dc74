package io.parzen.executor.messaging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.events.Events;
import io.parzen.events.SuggestionRequested;
import io.parzen.messaging.inbound.InvalidEventException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuggestionValidationTest {

    private static SuggestionRequested request(String taskId, String executionId, int seq, String command,
            Map<String, String> env) {
        return new SuggestionRequested(Events.newEventId(), 1, taskId, Instant.now(), executionId, seq, 1, Map.of(),
                "random", command, ".", null, null, env);
    }

    @Test
    void aWellFormedRequestPasses() {
        assertThatCode(() -> SuggestionConsumer.validate(request("t", "t-3", 3, "python3 train.py", Map.of("A", "1"))))
                .doesNotThrowAnyException();
    }

    @Test
    void theExecutionIdMustBeTaskIdDashSeq() {
        assertThatThrownBy(() -> SuggestionConsumer.validate(request("t", "t-4", 3, "run", null)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("is not <taskId>-<seq>")
                .hasMessageContaining("'t-3'");
        assertThatThrownBy(() -> SuggestionConsumer.validate(request("t", "other-3", 3, "run", null)))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> SuggestionConsumer.validate(request("t", "t-03", 3, "run", null)))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void anEmptyCommandIsRefused() {
        assertThatThrownBy(() -> SuggestionConsumer.validate(request("t", "t-1", 1, "  ", null)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("command");
        assertThatThrownBy(() -> SuggestionConsumer.validate(request("t", "t-1", 1, null, null)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("command");
    }

    @Test
    void badOrReservedEnvironmentVariablesAreRefused() {
        assertThatThrownBy(() -> SuggestionConsumer.validate(request("t", "t-1", 1, "run",
                Map.of("PARZEN_TASK_ID", "forged"))))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("environmentVariables")
                .hasMessageContaining("PARZEN_TASK_ID").hasMessageContaining("reserved");
        assertThatThrownBy(() -> SuggestionConsumer.validate(request("t", "t-1", 1, "run", Map.of("A=B", "x"))))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("A=B");
    }
}
