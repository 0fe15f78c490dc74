package io.parzen.messaging.observability;

import java.util.List;

/**
 * The names of the metrics Parzen's services export, as Micrometer meter names and as the Prometheus
 * series a scrape of {@code /q/metrics} shows ({@code parzen.dead.letters} becomes
 * {@code parzen_dead_letters_total}). The dashboard ({@code deploy/grafana/parzen.json}) and the docs
 * use the Prometheus names; a test checks that the dashboard names no other series.
 */
public final class MeterNames {

    /** Gauge, tag {@code status}: tasks of each status (task-service). */
    public static final String TASKS = "parzen.tasks";
    /** Counter, tags {@code status}, {@code environment}: executions that finished (executor-service). */
    public static final String EXECUTIONS = "parzen.executions";
    /** Gauge, tag {@code environment}: executions running now (executor-service). */
    public static final String EXECUTIONS_RUNNING = "parzen.executions.running";
    /** Histogram: ExecutionFinished → the task's next SuggestionRequested, by the events' times (optimizer-service). */
    public static final String LOOP_LATENCY = "parzen.loop.latency";
    /** Timer, tag {@code engine}: time an engine took to propose a batch (optimizer-service). */
    public static final String PROPOSAL = "parzen.proposal";
    /** Gauge, tag {@code service}: outbox rows not yet acknowledged by Kafka (every service). */
    public static final String OUTBOX_BACKLOG = "parzen.outbox.backlog";
    /** Counter, tags {@code topic}, {@code reason}: records sent to the dead-letter topic (every service). */
    public static final String DEAD_LETTERS = "parzen.dead.letters";
    /** Gauge, tags {@code group}, {@code topic}, {@code partition}: records behind the partition's end (every consumer). */
    public static final String CONSUMER_LAG = "parzen.consumer.lag";

    /** The Prometheus series of every metric above (histograms and timers by their {@code _count}/{@code _sum}/{@code _bucket}). */
    public static final List<String> PROMETHEUS_SERIES = List.of(
            "parzen_tasks",
            "parzen_executions_total",
            "parzen_executions_running",
            "parzen_loop_latency_seconds_bucket", "parzen_loop_latency_seconds_count", "parzen_loop_latency_seconds_sum",
            "parzen_loop_latency_seconds_max",
            "parzen_proposal_seconds_bucket", "parzen_proposal_seconds_count", "parzen_proposal_seconds_sum",
            "parzen_proposal_seconds_max",
            "parzen_outbox_backlog",
            "parzen_dead_letters_total",
            "parzen_consumer_lag");

    /** Why a record was dead-lettered, as the {@code reason} tag says it. */
    public static final String REASON_INVALID = "invalid";
    public static final String REASON_RETRIES_EXHAUSTED = "retries-exhausted";

    private MeterNames() {
    }
}
