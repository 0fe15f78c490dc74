package io.parzen.events.vocabulary;

/**
 * What a field of {@code TaskSpec} means when a task does not give it. Every service that fills a
 * default or reads an absent field uses these, so that they cannot drift apart.
 */
public final class TaskDefaults {

    /**
     * The Bayesian engine of a {@link TaskType#BAYESIAN_TPE} task that names none. Engine names
     * themselves are the optimizer's own (an optimizer may offer more), not words of the contract.
     */
    public static final String ENGINE = "optuna";

    /** Random executions before the model of a Bayesian task takes over (Valohai's 20). */
    public static final int RANDOM_STARTUP = 20;

    /** Execution batch size of a Bayesian task that gives none (capped at its execution count). */
    public static final int BAYESIAN_BATCH_SIZE = 5;

    /** Batching of a task that names none. */
    public static final Batching BATCHING = Batching.DEFAULT;

    /** On-child-error policy of a task that names none. */
    public static final OnChildError ON_CHILD_ERROR = OnChildError.DEFAULT;

    private TaskDefaults() {
    }
}
