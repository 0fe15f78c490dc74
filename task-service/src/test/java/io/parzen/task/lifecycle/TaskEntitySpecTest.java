package io.parzen.task.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.TaskSpec;
import org.junit.jupiter.api.Test;

/** {@link TaskEntity#spec()} parses the stored JSON once, and again only when another JSON is stored. */
class TaskEntitySpecTest {

    @Test
    void theSpecIsParsedOnceAndAgainWhenTheStoredJsonChanges() {
        TaskEntity task = new TaskEntity();
        task.spec = "{\"name\":\"first\",\"type\":\"random_search\",\"maxExecutions\":4}";
        TaskSpec first = task.spec();
        assertThat(first.name()).isEqualTo("first");
        assertThat(task.spec()).as("the same parse, not a new one").isSameAs(first);

        task.spec = "{\"name\":\"second\",\"type\":\"random_search\",\"maxExecutions\":4}";
        assertThat(task.spec().name()).isEqualTo("second");
    }
}
