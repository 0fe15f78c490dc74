package io.parzen.optimizer.service.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.events.TaskSpec;
import org.junit.jupiter.api.Test;

/** {@link StudyEntity#spec()} parses the stored JSON once, and again only when another JSON is stored. */
class StudyEntitySpecTest {

    @Test
    void theSpecIsParsedOnceAndAgainWhenTheStoredJsonChanges() {
        StudyEntity study = new StudyEntity();
        study.taskId = "t-1";
        study.spec = "{\"name\":\"first\",\"type\":\"random_search\",\"maxExecutions\":4}";
        TaskSpec first = study.spec();
        assertThat(first.name()).isEqualTo("first");
        assertThat(study.spec()).as("the same parse, not a new one").isSameAs(first);

        study.spec = "{\"name\":\"second\",\"type\":\"random_search\",\"maxExecutions\":4}";
        assertThat(study.spec().name()).isEqualTo("second");

        study.spec = "{not json";
        assertThatThrownBy(study::spec).isInstanceOf(IllegalStateException.class)
                .hasMessage("stored spec of task t-1 is not JSON");
    }
}
