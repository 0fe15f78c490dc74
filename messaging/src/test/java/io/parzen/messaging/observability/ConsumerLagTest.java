package io.parzen.messaging.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** The lag is read from the consumer's per-partition records-lag; other metrics and unknown lags are left out. */
class ConsumerLagTest {

    private static Metric value(Object v) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                return null;
            }

            @Override
            public Object metricValue() {
                return v;
            }
        };
    }

    private static MetricName name(String name, String group, Map<String, String> tags) {
        return new MetricName(name, group, "", tags);
    }

    @Test
    void perPartitionRecordsLagOnly() {
        Map<MetricName, Metric> metrics = new LinkedHashMap<>();
        metrics.put(name("records-lag", "consumer-fetch-manager-metrics",
                Map.of("client-id", "c", "topic", "parzen.task-created", "partition", "0")), value(7.0));
        metrics.put(name("records-lag", "consumer-fetch-manager-metrics",
                Map.of("client-id", "c", "topic", "parzen.task-created", "partition", "1")), value(Double.NaN));
        metrics.put(name("records-lag-max", "consumer-fetch-manager-metrics", Map.of("client-id", "c")), value(9.0));
        metrics.put(name("records-lag", "other-group", Map.of("topic", "t", "partition", "0")), value(3.0));

        Map<String[], Long> lags = ConsumerLag.lagsOf(metrics);
        assertThat(lags).hasSize(1);
        Map.Entry<String[], Long> only = lags.entrySet().iterator().next();
        assertThat(only.getKey()).containsExactly("parzen.task-created", "0");
        assertThat(only.getValue()).isEqualTo(7L);
    }

    @Test
    void theServiceNameIsTheLastPartOfTheSource() {
        assertThat(ServiceName.of("/parzen/task-service")).isEqualTo("task-service");
        assertThat(ServiceName.of("/parzen/metrics-service/")).isEqualTo("metrics-service");
        assertThat(ServiceName.of(null)).isEqualTo("unknown");
    }
}
