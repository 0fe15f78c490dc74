package io.parzen.optimizer.engine.tpe;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.engine.Source;
import io.parzen.optimizer.engine.gp.GpEngine;
import io.parzen.optimizer.space.Codec;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import io.parzen.optimizer.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** How the Optuna TPE sees pruned trials (Optuna 5.0 {@code _split_trials}, {@code _get_pruned_trial_score}). */
class PrunedTrialsTest {

    static final SearchSpace LINE = SearchSpace.of(new Uniform("x", 0, 1, null));

    static Trial trial(int seq, double x) {
        return Trial.pending(seq, Map.of("x", x));
    }

    static int[] rowsOfSeqs(Study s, int... seqs) {
        // rows are trials in issue order (all trials here are usable)
        int[] out = new int[seqs.length];
        for (int i = 0; i < seqs.length; i++) {
            out[i] = seqs[i] - 1;
        }
        return out;
    }

    @Test
    void withoutPrunedTrialsTheBelowGroupIsTheBestComplete() {
        List<Trial> t = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            t.add(trial(i, i / 20.0).complete(100 - i)); // gamma(11) = 2: the two last are best
        }
        Study s = new Study(LINE, t);
        OptunaTpeEngine.Split split = OptunaTpeEngine.split(new History(new Codec(LINE), s, 0));
        assertThat(split.below()).containsExactly(rowsOfSeqs(s, 10, 11));
        assertThat(split.above()).hasSize(9);
    }

    @Test
    void prunedTrialsCountInGammaAndFillTheBelowGroupByStepThenValue() {
        List<Trial> t = new ArrayList<>();
        t.add(trial(1, 0.1).complete(5.0));
        // 19 pruned trials: gamma(20) = 2, so one more comes from the pruned ones: the furthest step wins
        for (int i = 2; i <= 20; i++) {
            t.add(trial(i, i / 25.0).pruned((long) (i % 7), (double) i));
        }
        Study s = new Study(LINE, t);
        OptunaTpeEngine.Split split = OptunaTpeEngine.split(new History(new Codec(LINE), s, 0));
        // steps 6 at i = 6, 13, 20; the lowest last loss among them is i = 6
        assertThat(split.below()).containsExactly(rowsOfSeqs(s, 1, 6));
        assertThat(split.above()).hasSize(18);
    }

    @Test
    void prunedScoreOrder() {
        List<Trial> t = new ArrayList<>();
        t.add(trial(1, 0.1).pruned(3L, 2.0));
        t.add(trial(2, 0.2).pruned(5L, Double.NaN)); // furthest step first, even with a NaN value
        t.add(trial(3, 0.3).pruned(null, null));    // nothing reported: last
        t.add(trial(4, 0.4).pruned(3L, 1.0));
        t.add(trial(5, 0.5).pruned(5L, 9.0));
        t.add(trial(6, 0.6).pruned(3L, 1.0));      // tie with 4: issue order
        History h = new History(new Codec(LINE), new Study(LINE, t), 0);
        Integer[] order = h.prunedByScore();
        int[] seqs = java.util.Arrays.stream(order).mapToInt(i -> h.pruned[i] + 1).toArray();
        assertThat(seqs).containsExactly(5, 2, 4, 6, 1, 3);
    }

    @Test
    void prunedTrialsAreNeitherPendingNorComplete() {
        List<Trial> t = List.of(trial(1, 0.1).complete(1.0), trial(2, 0.2).pruned(4L, 3.0), trial(3, 0.3));
        History h = new History(new Codec(LINE), new Study(LINE, t), 0);
        assertThat(h.complete).containsExactly(0);
        assertThat(h.pruned).containsExactly(1);
        assertThat(java.util.Arrays.copyOf(h.pending, h.pendingCount)).containsExactly(2);
        assertThat(new Study(LINE, t).pruned()).hasSize(1);
    }

    /**
     * One complete trial and 39 pruned ones: gamma(40) = 4, so the below group is the complete trial and
     * the 3 pruned trials that ran furthest (near x = 0.9); the model proposes near them.
     */
    @Test
    void theModelFollowsTheFurthestPrunedTrials() {
        List<Trial> t = new ArrayList<>();
        int seq = 1;
        t.add(trial(seq++, 0.05).complete(10.0));
        for (int i = 0; i < 39; i++) {
            boolean far = i < 3;
            double x = far ? 0.89 + 0.01 * i : 0.3 + 0.01 * i;
            t.add(trial(seq++, x).pruned(far ? 20L : 2L, far ? 5.0 : 1.0)); // step beats value
        }
        Study s = new Study(LINE, t);
        OptunaTpeEngine.Split split = OptunaTpeEngine.split(new History(new Codec(LINE), s, 0));
        assertThat(split.below()).containsExactly(0, 1, 2, 3);
        // one proposal per seed (no constant-liar spreading); control: the same trials, all pruned at the same step
        List<Trial> sameStep = t.stream().map(tr -> tr.state() == TrialState.PRUNED
                ? tr.pruned(2L, tr.loss()) : tr).toList();
        int near = 0;
        int nearControl = 0;
        for (int seed = 0; seed < 40; seed++) {
            Proposal p = new OptunaTpeEngine(0).propose(s, 1, new SplittableRandom(seed)).get(0);
            Proposal c = new OptunaTpeEngine(0).propose(new Study(LINE, sameStep), 1, new SplittableRandom(seed)).get(0);
            assertThat(p.source()).isEqualTo(Source.MODEL);
            assertThat(t).noneMatch(tr -> tr.point().equals(p.point()));
            near += Math.abs((Double) p.point().get("x") - 0.9) < 0.08 ? 1 : 0;
            nearControl += Math.abs((Double) c.point().get("x") - 0.9) < 0.08 ? 1 : 0;
        }
        assertThat(near).isGreaterThanOrEqualTo(20);
        assertThat(nearControl).isLessThan(near / 2);
    }

    @Test
    void onlyPrunedTrialsAreEnoughForTheModel() {
        List<Trial> t = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            t.add(trial(i, i / 11.0).pruned((long) i, 1.0));
        }
        List<Proposal> p = new OptunaTpeEngine(0).propose(new Study(LINE, t), 3, new SplittableRandom(1));
        assertThat(p).extracting(Proposal::source).containsOnly(Source.MODEL);
    }

    @Test
    void gpAndHyperoptIgnorePrunedTrialsAsOptunasGpSamplerDoes() {
        List<Trial> base = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            base.add(trial(i, i / 13.0).complete(Math.abs(i / 13.0 - 0.4)));
        }
        List<Trial> withPruned = new ArrayList<>(base);
        withPruned.add(trial(13, 0.95).pruned(3L, -100.0));
        for (Engine e : List.of(new GpEngine(0), new HyperoptTpeEngine(0))) {
            List<Proposal> a = e.propose(new Study(LINE, base), 2, new SplittableRandom(3));
            List<Proposal> b = e.propose(new Study(LINE, withPruned), 2, new SplittableRandom(3));
            assertThat(b).as(e.name()).isEqualTo(a);
        }
    }
}
