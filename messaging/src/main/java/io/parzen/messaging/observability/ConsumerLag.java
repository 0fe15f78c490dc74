package io.parzen.messaging.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.jboss.logging.Logger;

/**
 * {@code parzen_consumer_lag{group,topic,partition}}: how many records each partition this service
 * consumes is behind its end, from the Kafka consumers' own {@code records-lag} metric (read on each
 * consumer's polling thread every {@code parzen.messaging.observability.refresh}; no extra broker calls).
 */
@ApplicationScoped
public class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);

    static final String KAFKA_GROUP = "consumer-fetch-manager-metrics";
    static final String KAFKA_METRIC = "records-lag";

    record Key(String group, String topic, String partition) {
    }

    private final KafkaClientService clients;
    private final MeterRegistry registry;
    private final Map<Key, AtomicLong> lags = new ConcurrentHashMap<>();
    private volatile boolean started;

    public ConsumerLag(KafkaClientService clients, MeterRegistry registry) {
        this.clients = clients;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Scheduled(identity = "parzen-consumer-lag", every = "${parzen.messaging.observability.refresh:10s}",
            delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (!started) {
            return;
        }
        for (String channel : clients.getConsumerChannels()) {
            for (KafkaConsumer<Object, Object> consumer : clients.<Object, Object>getConsumers(channel)) {
                Object groupId = consumer.configuration().get("group.id");
                String group = groupId == null ? channel : String.valueOf(groupId);
                consumer.runOnPollingThread(
                        (java.util.function.Function<org.apache.kafka.clients.consumer.Consumer<Object, Object>,
                                Map<String[], Long>>) c -> lagsOf(c.metrics())).subscribe().with(
                        found -> found.forEach((tp, lag) -> record(new Key(group, tp[0], tp[1]), lag)),
                        failure -> LOG.debugf("Reading the lag of channel %s failed: %s", channel, failure.toString()));
            }
        }
    }

    /** {topic, partition} → lag, from a consumer's metrics (a partition not yet fetched has no lag: left out). */
    static Map<String[], Long> lagsOf(Map<MetricName, ? extends Metric> metrics) {
        Map<String[], Long> found = new HashMap<>();
        metrics.forEach((name, metric) -> {
            if (KAFKA_METRIC.equals(name.name()) && KAFKA_GROUP.equals(name.group())
                    && name.tags().containsKey("topic") && name.tags().containsKey("partition")
                    && metric.metricValue() instanceof Number n && !Double.isNaN(n.doubleValue())) {
                found.put(new String[] {name.tags().get("topic"), name.tags().get("partition")}, n.longValue());
            }
        });
        return found;
    }

    private void record(Key key, long lag) {
        lags.computeIfAbsent(key, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(MeterNames.CONSUMER_LAG, value, AtomicLong::get)
                    .description("Records behind the end of the partition, per consumer group")
                    .tag("group", k.group()).tag("topic", k.topic()).tag("partition", k.partition())
                    .register(registry);
            return value;
        }).set(lag);
    }
}
