package io.parzen.optimizer.service.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.ExecutionFinished;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirstBatchFailedTest {

    private static TrialEntity trial(int batch, String executionStatus) {
        TrialEntity t = new TrialEntity();
        t.batch = batch;
        t.executionStatus = executionStatus;
        return t;
    }

    @Test
    void onlyAWholeFirstBatchOfErrorsOrCrashesStopsIssuing() {
        assertThat(StudyService.firstBatchFailed(List.of())).isFalse();
        assertThat(StudyService.firstBatchFailed(List.of(trial(1, ExecutionFinished.ERROR),
                trial(1, ExecutionFinished.CRASHED)))).isTrue();
        assertThat(StudyService.firstBatchFailed(List.of(trial(1, ExecutionFinished.ERROR),
                trial(1, null)))).as("one still running").isFalse();
        assertThat(StudyService.firstBatchFailed(List.of(trial(1, ExecutionFinished.ERROR),
                trial(1, ExecutionFinished.COMPLETE)))).as("one succeeded").isFalse();
        assertThat(StudyService.firstBatchFailed(List.of(trial(1, ExecutionFinished.STOPPED))))
                .as("stopped is not a failure").isFalse();
        assertThat(StudyService.firstBatchFailed(List.of(trial(1, ExecutionFinished.COMPLETE),
                trial(2, ExecutionFinished.ERROR)))).isFalse();
    }
}
