package io.parzen.optimizer.study;

import io.parzen.optimizer.space.SearchSpace;
import java.util.List;

/**
 * What an engine sees: the space and every trial issued so far, in order of issue. Engines always
 * minimize {@link Trial#loss()}.
 */
public record Study(SearchSpace space, List<Trial> trials) {

    public Study {
        trials = List.copyOf(trials);
    }

    public List<Trial> completed() {
        return trials.stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
    }

    public List<Trial> pending() {
        return trials.stream().filter(t -> t.state() == TrialState.PENDING).toList();
    }

    /** Trials stopped early by a pruner. */
    public List<Trial> pruned() {
        return trials.stream().filter(t -> t.state() == TrialState.PRUNED).toList();
    }

    public int issued() {
        return trials.size();
    }
}
