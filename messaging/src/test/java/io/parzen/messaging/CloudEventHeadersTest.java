package io.parzen.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.Events;
import io.parzen.events.TaskFinished;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    @Test
    void headersSurviveTheOutboxJsonAndKafka() {
        TaskFinished event = TaskFinished.of("t1", "complete", "max-executions");
        Map<String, String> headers = CloudEventHeaders.of(event, "/parzen/task-service");
        assertThat(headers).containsEntry(Events.CE_ID, event.eventId())
                .containsEntry(Events.CE_TYPE, "io.parzen.TaskFinished.v1")
                .containsEntry(Events.CE_SOURCE, "/parzen/task-service")
                .containsEntry(Events.CE_SUBJECT, "t1")
                .containsEntry(Events.CE_SPECVERSION, "1.0")
                .containsEntry(Events.CONTENT_TYPE, "application/json");
        Map<String, String> stored = CloudEventHeaders.fromJson(CloudEventHeaders.toJson(headers)).orElseThrow();
        assertThat(stored).isEqualTo(headers);
        Headers kafka = CloudEventHeaders.toKafka(stored);
        assertThat(CloudEventHeaders.header(kafka, Events.CE_ID)).isEqualTo(event.eventId());
        assertThat(CloudEventHeaders.header(kafka, "absent")).isNull();
    }

    @Test
    void unreadableStoredHeadersAreEmptyAndCanBeRebuilt() {
        assertThat(CloudEventHeaders.fromJson("{not json")).isEmpty();
        assertThat(CloudEventHeaders.fromJson("[1,2]")).isEmpty();
        assertThat(CloudEventHeaders.fromJson(null)).isEmpty();
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(CloudEventHeaders.rebuilt("e1", "io.parzen.TaskFinished.v1", "/parzen/x", "t1", at))
                .containsEntry(Events.CE_ID, "e1").containsEntry(Events.CE_TIME, "2026-12-01T00:00:00Z")
                .containsEntry(Events.CE_SUBJECT, "t1").containsEntry(Events.CE_SOURCE, "/parzen/x");
        assertThat(CloudEventHeaders.rebuilt(null, null, "/parzen/x", null, null))
                .doesNotContainKeys(Events.CE_ID, Events.CE_TYPE, Events.CE_TIME, Events.CE_SUBJECT);
    }
}
