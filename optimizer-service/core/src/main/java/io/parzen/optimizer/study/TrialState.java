package io.parzen.optimizer.study;

/** The state of one issued point, as the optimizer sees it. */
public enum TrialState {
    /** Suggested, result not known yet. */
    PENDING,
    /** Finished with a value of the target metric. */
    COMPLETE,
    /** Finished without a usable value (error, crash, stop, metric never logged): never given a made-up value. */
    FAILED
}
