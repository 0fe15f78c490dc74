package io.parzen.deploy.conformance;

/** The rules of the executor contract the checker judges, each with the name it prints. */
public enum Rule {
    /** Every record of the task validates against its topic's JSON Schema. */
    SCHEMA_VALID("schema-valid", "every record validates against its topic's JSON Schema"),
    /** Every record carries the CloudEvents headers of the contract, consistent with its value. */
    CLOUDEVENTS_HEADERS("cloudevents-headers", "every record carries ce_specversion=1.0, ce_id=eventId, "
            + "ce_type=io.parzen.<Event>.v1, ce_source, ce_time, ce_subject=taskId, content-type=application/json"),
    /** Each record's key is its task id. */
    KEY_IS_TASK_ID("key-is-task-id", "every record's key is its taskId"),
    /** Every SuggestionRequested (per attempt) is answered by exactly one ExecutionFinished. */
    ONE_FINISHED_PER_REQUEST("one-finished-per-request",
            "every SuggestionRequested is answered by exactly one ExecutionFinished (per attempt), and none answers nothing"),
    /** The executor's events echo the request's taskId, executionId, seq and attempt. */
    IDS_ECHOED("ids-echoed", "ExecutionStarted, MetricLogged and ExecutionFinished echo the request's taskId, "
            + "executionId, seq and attempt"),
    /** MetricLogged.sequence increases strictly within one execution attempt, from 1. */
    METRIC_SEQUENCE_INCREASING("metric-sequence-increasing",
            "MetricLogged.sequence starts at 1 and increases strictly within one execution attempt"),
    /** Requested ≤ started ≤ metrics ≤ finished, by occurredAt. */
    TIMESTAMPS_ORDERED("timestamps-ordered", "per execution attempt: requested <= started <= every metric <= "
            + "finished (occurredAt), and ExecutionFinished.startedAt <= its occurredAt");

    private final String id;
    private final String description;

    Rule(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
