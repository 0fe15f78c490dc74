package io.parzen.deploy.loadbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LagSamplerTest {

    private static final TopicPartition P0 = new TopicPartition("parzen.execution-finished", 0);
    private static final TopicPartition P1 = new TopicPartition("parzen.execution-finished", 1);

    @Test
    void lagIsTheSumOfEndMinusCommittedOverCommittedPartitions() {
        Map<TopicPartition, OffsetAndMetadata> committed = Map.of(P0, new OffsetAndMetadata(7), P1,
                new OffsetAndMetadata(10));
        Map<TopicPartition, ListOffsetsResultInfo> ends = Map.of(P0, end(10), P1, end(10));
        assertThat(LagSampler.lag(committed, ends)).isEqualTo(3);
        // a committed offset past the end read a moment earlier counts as caught up, not as negative lag
        assertThat(LagSampler.lag(Map.of(P0, new OffsetAndMetadata(12)), Map.of(P0, end(10)))).isZero();
        // a partition without an end offset in the answer is left out
        assertThat(LagSampler.lag(committed, Map.of(P1, end(15)))).isEqualTo(5);
    }

    @Test
    void everyListedGroupMustHaveCommittedToTheEndToBeCaughtUp() {
        assertThat(LagSampler.caughtUp(Set.of("task-service", "optimizer-service"),
                Map.of("task-service", 0L, "optimizer-service", 0L))).isTrue();
        assertThat(LagSampler.caughtUp(Set.of("task-service", "optimizer-service"),
                Map.of("task-service", 0L, "optimizer-service", 2L))).isFalse();
        // a listed group with no committed offset yet (absent from the last lags) is not caught up
        assertThat(LagSampler.caughtUp(Set.of("task-service", "optimizer-service"),
                Map.of("optimizer-service", 0L))).isFalse();
        assertThat(LagSampler.caughtUp(Set.of(), Map.of())).isFalse();
    }

    private static ListOffsetsResultInfo end(long offset) {
        return new ListOffsetsResultInfo(offset, -1, java.util.Optional.empty());
    }
}
