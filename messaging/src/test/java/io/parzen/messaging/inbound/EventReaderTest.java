package io.parzen.messaging.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.events.Events;
import io.parzen.events.ParzenEvent;
import io.parzen.events.TaskFinished;
import org.junit.jupiter.api.Test;

class EventReaderTest {

    private final EventReader reader = new EventReader();

    @Test
    void readsTheEventOfTheTopic() throws Exception {
        TaskFinished event = TaskFinished.of("t1", "complete", "max-executions");
        ParzenEvent read = reader.read(Events.TOPIC_TASK_FINISHED, Events.mapper().writeValueAsString(event));
        assertThat(read).isEqualTo(event);
    }

    @Test
    void rejectsWhatIsNotAnEventSayingWhy() {
        assertThatThrownBy(() -> reader.read("", TaskFinished.class)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("no value");
        assertThatThrownBy(() -> reader.read(null, TaskFinished.class)).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> reader.read("{nope", TaskFinished.class)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not a valid TaskFinished JSON document");
        assertThatThrownBy(() -> reader.read("null", TaskFinished.class)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> reader.read("{\"status\":\"complete\"}", TaskFinished.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("TaskFinished.taskId is missing");
        assertThatThrownBy(() -> reader.read("{\"taskId\":\"t\",\"schemaVersion\":99}", TaskFinished.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("schemaVersion 99");
        assertThatThrownBy(() -> reader.read("parzen.no-such-topic", "{}"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("parzen.no-such-topic");
    }
}
