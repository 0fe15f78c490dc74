package io.parzen.deploy.loadbench;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.Events;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class TopicReaderTest {

    private static ConsumerRecord<String, String> record(String value) {
        return new ConsumerRecord<>(Events.TOPIC_EXECUTION_FINISHED, 0, 7L, "task-1", value);
    }

    @Test
    void keepsOnlyTheFieldsTheAnalysisReads() {
        BrokerRecord r = TopicReader.parse(record("{\"eventId\":\"e1\",\"executionId\":\"x1\",\"attempt\":2,"
                + "\"parameters\":{\"a\":0.5,\"b\":[1,2,3]},\"status\":\"complete\",\"metrics\":[{\"loss\":1}],"
                + "\"startedAt\":\"2026-12-02T10:00:00Z\",\"finishedAt\":null,\"batch\":3}"));

        assertThat(r.topic()).isEqualTo(Events.TOPIC_EXECUTION_FINISHED);
        assertThat(r.key()).isEqualTo("task-1");
        assertThat(r.text("eventId")).isEqualTo("e1");
        assertThat(r.text("executionId")).isEqualTo("x1");
        assertThat(r.integer("attempt", 1)).isEqualTo(2);
        assertThat(r.integer("batch", 0)).isEqualTo(3);
        assertThat(r.text("status")).isEqualTo("complete");
        assertThat(r.text("startedAt")).isEqualTo("2026-12-02T10:00:00Z");
        assertThat(r.text("finishedAt")).isNull();
        assertThat(r.value().has("parameters")).isFalse();
        assertThat(r.value().has("metrics")).isFalse();
        assertThat(r.value().size()).isEqualTo(7);
    }

    @Test
    void anUnreadableValueHasNoFields() {
        assertThat(TopicReader.parse(record("{not json")).value()).isNull();
        assertThat(TopicReader.parse(record(null)).value()).isNull();
        assertThat(TopicReader.parse(record("[1,2]")).value()).isNull();
    }
}
