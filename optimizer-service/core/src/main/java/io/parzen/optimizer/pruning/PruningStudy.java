package io.parzen.optimizer.pruning;

import io.parzen.optimizer.study.TrialState;
import java.util.List;

/**
 * What a pruner sees of a study: its name (Hyperband hashes it), the direction of the intermediate
 * values and every trial's learning curve. The trial being judged may be in the list or not; pruners
 * never compare a trial with itself.
 */
public record PruningStudy(String name, Direction direction, List<LearningCurve> trials) {

    public PruningStudy {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        if (direction == null) {
            throw new IllegalArgumentException("direction must not be null");
        }
        trials = List.copyOf(trials);
    }

    /** Trials in the given state, in the order given. */
    public List<LearningCurve> inState(TrialState state) {
        return trials.stream().filter(t -> t.state() == state).toList();
    }

    /** Every trial but the one with {@code seq}. */
    List<LearningCurve> others(int seq) {
        return trials.stream().filter(t -> t.seq() != seq).toList();
    }
}
