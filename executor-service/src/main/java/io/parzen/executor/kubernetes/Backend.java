package io.parzen.executor.kubernetes;

import java.util.List;

/** Where executions of an environment run: start one, stop one, find the running ones after a restart. */
public interface Backend {

    /** Starts a run; a run that exists already (same execution and attempt) is adopted, never started twice. */
    void start(String environment, JobRequest request);

    /** Stops a run: it ends {@code stopped} with {@code reason}. False if this backend does not run it. */
    boolean stop(String executionId, String reason);

    /** Takes over the runs of a previous life of the executor; returns their execution ids. */
    List<String> adopt();
}
