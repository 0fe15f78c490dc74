package io.parzen.optimizer.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.events.ExecutionFinished;
import io.parzen.events.TaskCreated;
import io.parzen.events.TaskFinished;
import io.parzen.messaging.inbound.InvalidEventException;
import org.junit.jupiter.api.Test;

class EventReaderTest {

    @Test
    void readsAValidEvent() {
        TaskFinished e = EventReader.read("""
                {"eventId":"e1","schemaVersion":1,"taskId":"t1","occurredAt":"2026-11-26T10:00:00Z",
                 "status":"complete","reason":"max-executions-reached","futureField":1}""", TaskFinished.class);
        assertThat(e.taskId()).isEqualTo("t1");
        assertThat(e.reason()).isEqualTo("max-executions-reached");
    }

    @Test
    void rejectsWhatIsNotAValidEvent() {
        assertThatThrownBy(() -> EventReader.read("not json", TaskCreated.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("TaskCreated");
        assertThatThrownBy(() -> EventReader.read(null, TaskCreated.class))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> EventReader.read("{\"eventId\":\"e\",\"schemaVersion\":1}", TaskCreated.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("taskId");
        assertThatThrownBy(() -> EventReader.read("{\"schemaVersion\":1,\"taskId\":\"t\"}", TaskCreated.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("task is required");
        assertThatThrownBy(() -> EventReader.read("{\"schemaVersion\":1,\"taskId\":\"t\",\"status\":\"complete\"}",
                ExecutionFinished.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("executionId");
        assertThatThrownBy(() -> EventReader.read("{\"schemaVersion\":9,\"taskId\":\"t\",\"status\":\"complete\"}",
                TaskFinished.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("schemaVersion 9");
    }

    @Test
    void aMetricLoggedNeedsItsExecutionASequenceAndValues() {
        String base = "{\"eventId\":\"e\",\"schemaVersion\":1,\"taskId\":\"t\",\"occurredAt\":\"2026-11-26T10:00:00Z\"";
        assertThat(EventReader.read(base + ",\"executionId\":\"t-1\",\"sequence\":1,\"values\":{\"epoch\":1}}",
                io.parzen.events.MetricLogged.class).values()).containsEntry("epoch", 1);
        assertThatThrownBy(() -> EventReader.read(base + ",\"sequence\":1,\"values\":{}}",
                io.parzen.events.MetricLogged.class)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("executionId");
        assertThatThrownBy(() -> EventReader.read(base + ",\"executionId\":\"t-1\",\"sequence\":0,\"values\":{}}",
                io.parzen.events.MetricLogged.class)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("sequence");
        assertThatThrownBy(() -> EventReader.read(base + ",\"executionId\":\"t-1\",\"sequence\":1}",
                io.parzen.events.MetricLogged.class)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("values");
    }

    @Test
    void aTaskCreatedWithAnInvalidProjectIsRejectedAndOneWithoutIsInDefault() {
        String task = "\"task\":{\"name\":\"n\",\"type\":\"random_search\",\"command\":\"c\"}";
        assertThatThrownBy(() -> EventReader.read("{\"schemaVersion\":1,\"taskId\":\"t\"," + task
                + ",\"project\":\"Not Valid\"}", TaskCreated.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("project 'Not Valid'");
        assertThat(EventReader.read("{\"schemaVersion\":1,\"taskId\":\"t\"," + task + "}", TaskCreated.class)
                .project()).isEqualTo("default");
    }
}
