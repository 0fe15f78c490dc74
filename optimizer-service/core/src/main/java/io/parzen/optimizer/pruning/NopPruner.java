package io.parzen.optimizer.pruning;

/** Never prunes (Optuna's {@code NopPruner}, {@code optuna/pruners/_nop.py}); the type {@code none}. */
public final class NopPruner implements Pruner {

    @Override
    public String type() {
        return "none";
    }

    @Override
    public boolean shouldPrune(PruningStudy study, LearningCurve trial) {
        return false;
    }
}
