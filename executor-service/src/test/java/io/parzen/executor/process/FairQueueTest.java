package io.parzen.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.executor.execution.Execution;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairQueueTest {

    private static Execution exec(String taskId, int seq) {
        Execution e = new Execution();
        e.taskId = taskId;
        e.seq = seq;
        e.id = taskId + "-" + seq;
        return e;
    }

    private static List<String> drain(FairQueue q) {
        List<String> out = new ArrayList<>();
        for (Execution e = q.poll(); e != null; e = q.poll()) {
            out.add(e.id);
        }
        return out;
    }

    @Test
    void aLateTaskWaitsForAtMostOneExecutionOfABigOne() {
        FairQueue q = new FairQueue();
        for (int i = 1; i <= 750; i++) {
            q.addLast(exec("A", i));
        }
        assertThat(q.poll().id).isEqualTo("A-1"); // takes the only slot
        q.addLast(exec("B", 1));
        assertThat(q.poll().id).isEqualTo("B-1");
        assertThat(q.poll().id).isEqualTo("A-2");
        assertThat(q.size()).isEqualTo(748);
    }

    @Test
    void tasksTakeTurnsAndEachTaskStaysInOrder() {
        FairQueue q = new FairQueue();
        for (int i = 1; i <= 3; i++) {
            q.addLast(exec("A", i));
        }
        for (int i = 1; i <= 2; i++) {
            q.addLast(exec("B", i));
        }
        q.addLast(exec("C", 1));
        assertThat(drain(q)).containsExactly("A-1", "B-1", "C-1", "A-2", "B-2", "A-3");
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.poll()).isNull();
    }

    @Test
    void aTaskThatWasJustServedQueuesBehindOneThatWaited() {
        FairQueue q = new FairQueue();
        q.addLast(exec("A", 1));
        q.addLast(exec("B", 1));
        q.addLast(exec("B", 2));
        assertThat(q.poll().id).isEqualTo("A-1");
        // A's next batch arrives: B was served less recently than A
        q.addLast(exec("A", 2));
        assertThat(drain(q)).containsExactly("B-1", "A-2", "B-2");
    }

    @Test
    void removalAndRequeueAtTheFront() {
        FairQueue q = new FairQueue();
        q.addLast(exec("A", 2));
        q.addLast(exec("B", 1));
        q.addFirst(exec("A", 1));
        assertThat(q.removeIf(e -> e.taskId.equals("B"))).extracting(e -> e.id).containsExactly("B-1");
        assertThat(q.size()).isEqualTo(2);
        assertThat(drain(q)).containsExactly("A-1", "A-2");
        assertThat(q.removeIf(e -> true)).isEmpty();
    }

    private static Execution exec(String project, String taskId, int seq) {
        Execution e = exec(taskId, seq);
        e.project = project;
        return e;
    }

    @Test
    void anExecutionWithoutAProjectIsInTheDefaultProject() {
        assertThat(FairQueue.projectOf(exec("A", 1))).isEqualTo("default");
        assertThat(FairQueue.projectOf(exec("vision", "A", 1))).isEqualTo("vision");
    }

    @Test
    void projectsTakeTurnsBeforeTheirTasks() {
        FairQueue q = new FairQueue();
        // project big has three tasks with many executions, project small one task
        for (String task : List.of("A", "B", "C")) {
            for (int i = 1; i <= 4; i++) {
                q.addLast(exec("big", task, i));
            }
        }
        q.addLast(exec("small", "S", 1));
        q.addLast(exec("small", "S", 2));
        assertThat(drain(q).subList(0, 6)).containsExactly("A-1", "S-1", "B-1", "S-2", "C-1", "A-2");
    }
}
