package io.parzen.optimizer.service.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.events.Events;
import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.events.WarmStartReport;
import io.parzen.optimizer.study.TrialState;
import io.parzen.optimizer.warmstart.PriorObservation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarmStartsTest {

    private static TaskSpec spec(String type, String engine, long layersMax, String metric, String direction,
            List<String> from) {
        return new TaskSpec("t", type, engine, "python3 train.py {parameters}", ".",
                List.of(ParameterSpec.of("lr", "uniform", 0.0, 1.0, null, null),
                        ParameterSpec.of("layers", "integer", 1.0, (double) layersMax, 1.0, null)),
                null, 10, 2, 5, new TargetSpec(metric, null, direction), null, 3L, null, null, null, null, null, null,
                null, null, null, null, null, null, null, from, null, null);
    }

    private static StudyEntity study(String id, TaskSpec spec) throws Exception {
        StudyEntity s = new StudyEntity();
        s.taskId = id;
        s.spec = Events.mapper().writeValueAsString(spec);
        s.seed = 1;
        return s;
    }

    private static TrialEntity trial(String taskId, int seq, TrialState state, Double loss, double lr, long layers)
            throws Exception {
        TrialEntity t = new TrialEntity();
        t.taskId = taskId;
        t.executionId = Events.executionId(taskId, seq);
        t.seq = seq;
        t.state = state;
        t.loss = loss;
        t.point = Events.mapper().writeValueAsString(Map.of("lr", lr, "layers", layers));
        return t;
    }

    @Test
    void completeTrialsOfTheSameObjectiveInsideTheNewSpaceAreKeptAndEverySourceIsAccountedFor() throws Exception {
        TaskSpec next = spec("bayesian_tpe", "optuna", 4, "loss", "minimize", List.of("a", "gone", "acc", "max"));
        StudyPlan plan = StudyPlan.of(next, 1);
        Map<String, StudyEntity> studies = Map.of(
                "a", study("a", spec("bayesian_tpe", "optuna", 8, "loss", "minimize", null)),
                "acc", study("acc", spec("bayesian_tpe", "optuna", 8, "accuracy", "minimize", null)),
                "max", study("max", spec("bayesian_tpe", "optuna", 8, "loss", "maximize", null)));
        Map<String, List<TrialEntity>> trials = Map.of(
                "a", List.of(trial("a", 1, TrialState.COMPLETE, 0.5, 0.1, 2),
                        trial("a", 2, TrialState.COMPLETE, 0.4, 0.2, 7), // layers 7 > 4: dropped
                        trial("a", 3, TrialState.FAILED, null, 0.3, 2), // never a prior, never counted
                        trial("a", 4, TrialState.PENDING, null, 0.3, 2),
                        trial("a", 5, TrialState.PRUNED, 0.9, 0.3, 2),
                        trial("a", 6, TrialState.COMPLETE, 0.2, 0.9, 4)),
                "acc", List.of(trial("acc", 1, TrialState.COMPLETE, 0.5, 0.1, 2)),
                "max", List.of(trial("max", 1, TrialState.COMPLETE, -0.5, 0.1, 2)));

        WarmStarts.Derived d = WarmStarts.derive(next, plan, studies, trials);

        assertThat(d.priors()).extracting(PriorObservation::loss).containsExactly(0.5, 0.2);
        assertThat(d.priors().get(0).point()).isEqualTo(Map.of("lr", 0.1, "layers", 2L));
        WarmStartReport r = d.report();
        assertThat(r.observations()).isEqualTo(2);
        assertThat(r.sources()).extracting(WarmStartReport.Source::taskId).containsExactly("a", "gone", "acc", "max");
        assertThat(r.sources().get(0)).isEqualTo(new WarmStartReport.Source("a", 2, 1, null));
        assertThat(r.sources().get(1).reason()).isEqualTo(WarmStarts.NO_STUDY);
        assertThat(r.sources().get(2).reason()).contains("another target").contains("accuracy");
        assertThat(r.sources().get(3).reason()).contains("maximized").contains("minimized");
    }

    /** What a restarted instance reads back is what the first one derived: same points, same value types. */
    @Test
    void storedPriorsReadBackAsDerived() throws Exception {
        TaskSpec next = spec("bayesian_tpe", "optuna", 4, "loss", "minimize", List.of("a"));
        StudyPlan plan = StudyPlan.of(next, 1);
        List<PriorObservation> priors = List.of(new PriorObservation("a", Map.of("lr", 0.25, "layers", 3L), 0.125));
        StudyEntity stored = new StudyEntity();
        stored.taskId = "n";
        stored.warmPriors = WarmStarts.priorsJson(priors);
        assertThat(WarmStarts.priors(stored, plan)).isEqualTo(priors);
        assertThat(WarmStarts.priors(new StudyEntity(), plan)).isEmpty();
    }

    @Test
    void aWarmStartOutsideABayesianSingleTargetTaskWithAModelIsAnInvalidSpec() {
        assertThatThrownBy(() -> StudyPlan.of(spec("random_search", null, 4, "loss", "minimize", List.of("a")), 1))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("warmStartFrom");
        assertThatThrownBy(() -> StudyPlan.of(spec("bayesian_tpe", "sobol", 4, "loss", "minimize", List.of("a")), 1))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("model-based");
    }
}
