package io.parzen.optimizer.pruning;

/**
 * Decides, after a running trial reported an intermediate value, whether to stop it (Optuna's
 * {@code BasePruner.prune}). Implementations are stateless: every decision is computed from the study
 * as given, so a decision taken again (after a restart, on a replayed event) is the same decision.
 * Parzen asks after every reported step, as Optuna's users call {@code trial.should_prune()} after
 * every {@code trial.report()}.
 */
public interface Pruner {

    /** The pruner's type as users select it, e.g. {@code median}. */
    String type();

    /** True when {@code trial}, a running trial of {@code study}, should stop now. */
    boolean shouldPrune(PruningStudy study, LearningCurve trial);
}
