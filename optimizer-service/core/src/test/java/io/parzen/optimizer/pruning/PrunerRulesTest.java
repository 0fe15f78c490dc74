package io.parzen.optimizer.pruning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.optimizer.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Edge cases of every rule, table-driven; expected values computed with Optuna 5.0.0 / numpy 2.4. */
class PrunerRulesTest {

    /** A curve {@code values[i]} at step {@code i}. */
    static LearningCurve curve(int seq, TrialState state, double... values) {
        TreeMap<Long, Double> m = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put((long) i, values[i]);
        }
        return new LearningCurve(seq, state, m);
    }

    static LearningCurve at(int seq, TrialState state, Map<Long, Double> values) {
        return new LearningCurve(seq, state, new TreeMap<>(values));
    }

    /** Five complete trials with values 1..5 at steps 0..9 (trial k reports k at every step). */
    static List<LearningCurve> fiveComplete() {
        List<LearningCurve> out = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            double[] v = new double[10];
            java.util.Arrays.fill(v, k);
            out.add(curve(k, TrialState.COMPLETE, v));
        }
        return out;
    }

    static boolean judge(Pruner p, Direction d, List<LearningCurve> others, LearningCurve trial) {
        List<LearningCurve> all = new ArrayList<>(others);
        all.add(trial);
        return p.shouldPrune(new PruningStudy("task", d, all), trial);
    }

    @ParameterizedTest(name = "median: value {0} at step 0 → prune {1}")
    @CsvSource({"2.9, false", "3.0, false", "3.1, true"})
    void medianComparesWithTheMedianOfCompleteTrialsAtTheStep(double value, boolean prune) {
        assertThat(judge(PercentilePruner.median(), Direction.MINIMIZE, fiveComplete(),
                curve(6, TrialState.PENDING, value))).isEqualTo(prune);
    }

    @Test
    void maximizeUsesTheMirroredPercentile() {
        // values 1..5: for MAXIMIZE the 25th percentile becomes the 75th = 4
        PercentilePruner p25 = new PercentilePruner(25, 5, 0, 1, 1);
        assertThat(judge(p25, Direction.MAXIMIZE, fiveComplete(), curve(6, TrialState.PENDING, 3.9))).isTrue();
        assertThat(judge(p25, Direction.MAXIMIZE, fiveComplete(), curve(6, TrialState.PENDING, 4.0))).isFalse();
        assertThat(judge(p25, Direction.MINIMIZE, fiveComplete(), curve(6, TrialState.PENDING, 2.1))).isTrue();
    }

    @Test
    void theBestValueSoFarIsCompared() {
        // worse than the median now (4 > 3) but its best (1 at step 0) is not
        assertThat(judge(PercentilePruner.median(), Direction.MINIMIZE, fiveComplete(),
                curve(6, TrialState.PENDING, 1, 4))).isFalse();
    }

    @Test
    void tooFewCompleteTrialsNeverPrune() {
        List<LearningCurve> four = fiveComplete().subList(0, 4);
        LearningCurve bad = curve(6, TrialState.PENDING, 100);
        assertThat(judge(PercentilePruner.median(), Direction.MINIMIZE, four, bad)).isFalse();
        // pruned and running trials do not count as startup trials
        List<LearningCurve> withPruned = new ArrayList<>(four);
        withPruned.add(curve(5, TrialState.PRUNED, 0.5));
        withPruned.add(curve(7, TrialState.PENDING, 0.5));
        assertThat(judge(PercentilePruner.median(), Direction.MINIMIZE, withPruned, bad)).isFalse();
        // nStartupTrials 0 still needs one complete trial
        assertThat(judge(PercentilePruner.median(0, 0, 1, 1), Direction.MINIMIZE, List.of(), bad)).isFalse();
    }

    @Test
    void warmupStepsAreNeverPruned() {
        PercentilePruner p = PercentilePruner.median(5, 3, 1, 1);
        assertThat(judge(p, Direction.MINIMIZE, fiveComplete(), curve(6, TrialState.PENDING, 9, 9, 9))).isFalse();
        assertThat(judge(p, Direction.MINIMIZE, fiveComplete(), curve(6, TrialState.PENDING, 9, 9, 9, 9))).isTrue();
    }

    @ParameterizedTest(name = "warmup 2, interval 3: reports at {0} → check {1}")
    @CsvSource({
            "'2', true", "'2,3', false", "'2,3,4', false", "'2,3,4,5', true", "'2,3,4,5,6', false",
            // a check with no report at its step (5) is postponed to the next reported step
            "'2,4,6', true", "'2,4,6,7', false", "'0,1', false", "'7', true"})
    void intervalsOffsetByTheWarmup(String steps, boolean checked) {
        TreeMap<Long, Double> m = new TreeMap<>();
        for (String s : steps.split(",")) {
            m.put(Long.parseLong(s), 9.0); // always worse than the median: pruned whenever checked
        }
        PercentilePruner p = PercentilePruner.median(5, 2, 3, 1);
        assertThat(judge(p, Direction.MINIMIZE, fiveComplete(), at(6, TrialState.PENDING, m))).isEqualTo(checked);
    }

    @Test
    void nanValues() {
        // every value NaN: pruned
        assertThat(judge(PercentilePruner.median(), Direction.MINIMIZE, fiveComplete(),
                curve(6, TrialState.PENDING, Double.NaN, Double.NaN))).isTrue();
        // one number among NaNs: judged by that number
        assertThat(judge(PercentilePruner.median(), Direction.MINIMIZE, fiveComplete(),
                curve(6, TrialState.PENDING, 1, Double.NaN))).isFalse();
        // NaN values of complete trials are ignored by the percentile; all NaN = no verdict
        List<LearningCurve> nanDone = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            nanDone.add(curve(k, TrialState.COMPLETE, Double.NaN));
        }
        assertThat(judge(PercentilePruner.median(), Direction.MINIMIZE, nanDone, curve(6, TrialState.PENDING, 100))).isFalse();
    }

    @Test
    void nMinTrialsAtTheStep() {
        // only 2 complete trials reported step 3
        List<LearningCurve> done = new ArrayList<>(fiveComplete().stream()
                .map(c -> at(c.seq(), TrialState.COMPLETE, c.values().headMap(3L))).toList());
        done.set(0, curve(1, TrialState.COMPLETE, 1, 1, 1, 1));
        done.set(1, curve(2, TrialState.COMPLETE, 2, 2, 2, 2));
        LearningCurve t = at(6, TrialState.PENDING, Map.of(3L, 9.0));
        assertThat(judge(PercentilePruner.median(5, 0, 1, 2), Direction.MINIMIZE, done, t)).isTrue();
        assertThat(judge(PercentilePruner.median(5, 0, 1, 3), Direction.MINIMIZE, done, t)).isFalse();
    }

    @ParameterizedTest(name = "nanpercentile q={1} of {0} = {2}")
    @CsvSource({"'3,1,NaN,2,10', 50, 2.5", "'0.1,0.7,0.2,0.9', 37.5, 0.2625", "'0.1,0.7,0.2,0.9', 80, 0.78",
            "'0.3', 10, 0.3", "'1,2,3', 100, 3", "'1,2,3', 0, 1"})
    void numpyPercentile(String values, double q, double expected) {
        double[] v = java.util.Arrays.stream(values.split(",")).mapToDouble(Double::parseDouble).toArray();
        assertThat(PercentilePruner.nanPercentile(v, q)).isEqualTo(expected);
    }

    @Test
    void percentileOfOnlyNaNIsNaN() {
        assertThat(PercentilePruner.nanPercentile(new double[] {Double.NaN, Double.NaN}, 50)).isNaN();
    }

    @Test
    void ashaPromotesTheBestQuarterAndTheBestWhileFewerThanTheFactor() {
        SuccessiveHalvingPruner sh = new SuccessiveHalvingPruner(1L, 4, 0, 0);
        // rung 0 at step 1: the first trial to get there is promoted (best of 1)
        assertThat(judge(sh, Direction.MINIMIZE, List.of(), curve(1, TrialState.PENDING, 0, 5))).isFalse();
        List<LearningCurve> done = List.of(curve(1, TrialState.COMPLETE, 0, 5, 5, 5, 5));
        // fewer than 4 competitors: promoted only if the best
        assertThat(judge(sh, Direction.MINIMIZE, done, curve(2, TrialState.PENDING, 0, 6))).isTrue();
        assertThat(judge(sh, Direction.MINIMIZE, done, curve(2, TrialState.PENDING, 0, 5))).isFalse();
        // 8 competitors at rung 0 (7 + itself): promoted if among the best 2
        List<LearningCurve> seven = new ArrayList<>();
        for (int k = 1; k <= 7; k++) {
            seven.add(curve(k, TrialState.COMPLETE, 0, k, k, k, k));
        }
        assertThat(judge(sh, Direction.MINIMIZE, seven, curve(8, TrialState.PENDING, 0, 2))).isFalse();
        assertThat(judge(sh, Direction.MINIMIZE, seven, curve(8, TrialState.PENDING, 0, 2.5))).isTrue();
        assertThat(judge(sh, Direction.MAXIMIZE, seven, curve(8, TrialState.PENDING, 0, 6))).isFalse();
        assertThat(judge(sh, Direction.MAXIMIZE, seven, curve(8, TrialState.PENDING, 0, 5.5))).isTrue();
        // between rungs (steps 2, 3: rung 1 is at step 4) nothing is decided
        assertThat(judge(sh, Direction.MINIMIZE, seven, curve(8, TrialState.PENDING, 0, 1, 99, 99))).isFalse();
        // at rung 1 (step 4) the value there is compared with the others' values at step 4
        assertThat(judge(sh, Direction.MINIMIZE, seven, curve(8, TrialState.PENDING, 0, 1, 99, 99, 99))).isTrue();
    }

    @Test
    void ashaAutoMinResourceWaitsForACompleteTrialAndNanIsPruned() {
        SuccessiveHalvingPruner auto = new SuccessiveHalvingPruner();
        assertThat(judge(auto, Direction.MINIMIZE, List.of(curve(1, TrialState.PENDING, 0, 0)),
                curve(2, TrialState.PENDING, 0, 99))).isFalse();
        assertThat(judge(new SuccessiveHalvingPruner(1L, 4, 0, 0), Direction.MINIMIZE, List.of(),
                curve(1, TrialState.PENDING, 0, Double.NaN))).isTrue();
        // auto: min resource = 350 // 100 = 3, so step 2 is below rung 0
        TreeMap<Long, Double> long350 = new TreeMap<>(Map.of(0L, 1.0, 350L, 1.0));
        List<LearningCurve> done = List.of(at(1, TrialState.COMPLETE, long350), curve(2, TrialState.COMPLETE, 0, 0, 0, 0));
        assertThat(judge(auto, Direction.MINIMIZE, done, curve(3, TrialState.PENDING, 0, 0, 99))).isFalse();
        assertThat(judge(auto, Direction.MINIMIZE, done, curve(3, TrialState.PENDING, 0, 0, 99, 99))).isTrue();
    }

    @Test
    void ashaBootstrapPrunesUntilEnoughTrialsReachedTheRung() {
        SuccessiveHalvingPruner sh = new SuccessiveHalvingPruner(1L, 2, 0, 2);
        assertThat(judge(sh, Direction.MINIMIZE, List.of(), curve(1, TrialState.PENDING, 0, 0))).isTrue();
        assertThat(judge(sh, Direction.MINIMIZE, List.of(curve(1, TrialState.PRUNED, 0, 1)),
                curve(2, TrialState.PENDING, 0, 0))).isTrue();
        assertThat(judge(sh, Direction.MINIMIZE, List.of(curve(1, TrialState.PRUNED, 0, 1), curve(2, TrialState.PRUNED, 0, 2)),
                curve(3, TrialState.PENDING, 0, 0))).isFalse();
    }

    @ParameterizedTest(name = "hyperband max resource {0}: {1} brackets, budgets {2}")
    @CsvSource({"2, 1, '1'", "3, 2, '3,2'", "9, 3, '9,5,3'", "10, 3, '9,5,3'", "27, 4, '27,12,6,4'",
            "81, 5, '81,34,15,8,5'", "243, 5, '81,34,15,8,5'", "100, 5, '81,34,15,8,5'"})
    void hyperbandBracketsAsOptuna(long maxResource, int brackets, String budgets) {
        HyperbandPruner hb = new HyperbandPruner(1, maxResource, 3, 0);
        // 243: Python's math.log(243, 3) = 4.999999999999999, so 5 brackets, not 6
        assertThat(hb.brackets(maxResource)).isEqualTo(brackets);
        assertThat(hb.budgets(brackets)).containsExactly(java.util.Arrays.stream(budgets.split(","))
                .mapToInt(Integer::parseInt).toArray());
    }

    @Test
    void hyperbandBracketIsCrc32OfStudyAndTrialNumber() {
        // Optuna 5.0.0, study "abc", max_resource 30 (4 brackets, budgets 27,12,6,4), trial numbers 0..11
        int[] expected = {0, 1, 0, 0, 0, 1, 2, 1, 0, 1, 0, 1};
        for (int n = 0; n < expected.length; n++) {
            assertThat(HyperbandPruner.bracketOf("abc", n + 1, new int[] {27, 12, 6, 4})).as("trial %d", n).isEqualTo(expected[n]);
        }
    }

    @Test
    void noReportNoDecision() {
        LearningCurve empty = new LearningCurve(6, TrialState.PENDING, new TreeMap<>());
        for (Pruner p : List.of(PercentilePruner.median(), new SuccessiveHalvingPruner(1L, 4, 0, 0),
                new HyperbandPruner(1, 9L, 3, 0), new NopPruner())) {
            assertThat(judge(p, Direction.MINIMIZE, fiveComplete(), empty)).as(p.type()).isFalse();
        }
        assertThat(judge(new NopPruner(), Direction.MINIMIZE, fiveComplete(), curve(6, TrialState.PENDING, 1e9))).isFalse();
    }

    @Test
    void aRepeatedStepKeepsItsFirstValue() {
        LearningCurve c = curve(1, TrialState.PENDING, 1.0).with(0, 7.0).with(1, 2.0);
        assertThat(c.values()).containsExactly(Map.entry(0L, 1.0), Map.entry(1L, 2.0));
        assertThatThrownBy(() -> at(1, TrialState.PENDING, Map.of(-1L, 1.0)))
                .hasMessageContaining("step must be a non-negative integer, got -1");
    }

    @Test
    void factoryDefaultsAndErrorsNameTheField() {
        assertThat(Pruners.of(null).type()).isEqualTo("none");
        assertThat(Pruners.of(Map.of("type", "median", "stepKey", "epoch")).type()).isEqualTo("median");
        assertThat(Pruners.of(Map.of("type", "Hyperband")).type()).isEqualTo("hyperband");
        assertThatThrownBy(() -> Pruners.of(Map.of("type", "wilcoxon")))
                .hasMessage("pruner.type 'wilcoxon' is unknown; allowed types are "
                        + "[none, median, percentile, successive_halving, hyperband]");
        assertThatThrownBy(() -> Pruners.of(Map.of("type", "median", "reductionFactor", 3)))
                .hasMessageContaining("pruner.reductionFactor is not a parameter of pruner type 'median'");
        assertThatThrownBy(() -> Pruners.of(Map.of("type", "median", "intervalSteps", 0)))
                .hasMessage("pruner.intervalSteps must be at least 1, got 0");
        assertThatThrownBy(() -> Pruners.of(Map.of("type", "median", "nWarmupSteps", 1.5)))
                .hasMessage("pruner.nWarmupSteps must be an integer, got 1.5");
        assertThatThrownBy(() -> Pruners.of(Map.of("type", "percentile")))
                .hasMessageContaining("pruner.percentile is required");
        assertThatThrownBy(() -> Pruners.of(Map.of("type", "percentile", "percentile", 101)))
                .hasMessage("pruner.percentile must be between 0 and 100 inclusive, got 101.0");
        assertThatThrownBy(() -> Pruners.of(Map.of("type", "successive_halving", "bootstrapCount", 1)))
                .hasMessageContaining("pruner.bootstrapCount 1 needs an explicit minResource");
        assertThatThrownBy(() -> Pruners.of(Map.of("type", "successive_halving", "minResource", "soon")))
                .hasMessage("pruner.minResource must be \"auto\" or an integer, got soon");
        assertThatThrownBy(() -> Pruners.of(Map.of("type", "hyperband", "reductionFactor", 1)))
                .hasMessage("pruner.reductionFactor must be at least 2, got 1");
        assertThatThrownBy(() -> Pruners.of(Map.of("stepKey", "epoch")))
                .hasMessageContaining("pruner.type is required");
    }
}
