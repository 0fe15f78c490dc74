package io.parzen.optimizer.study;

/** The state of one issued point, as the optimizer sees it. */
public enum TrialState {
    /** Suggested, result not known yet. */
    PENDING,
    /** Finished with a value of the target metric. */
    COMPLETE,
    /** Finished without a usable value (error, crash, stop, metric never logged): never given a made-up value. */
    FAILED,
    /**
     * Stopped early by a pruner. {@link Trial#loss()} is the loss of its last reported intermediate
     * value (NaN or null when that value was not a number or nothing was reported) and
     * {@link Trial#lastStep()} the step of that value: Optuna's TPE ranks such trials by their last
     * step, then value; engines without a rule for them (GP, HyperOpt) ignore them, as Optuna's
     * GPSampler does.
     */
    PRUNED
}
