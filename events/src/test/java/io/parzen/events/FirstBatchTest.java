package io.parzen.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parzen.events.vocabulary.Batching;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FirstBatchTest {

    @Test
    void theWholeBatchMustBeKnownAndFailed() {
        assertTrue(FirstBatch.failed(3, List.of("error", "crashed", "error")));
        assertFalse(FirstBatch.failed(3, List.of("error", "crashed")), "one is still unknown");
        assertFalse(FirstBatch.failed(3, List.of("error", "stopped", "error")), "a stopped execution did not fail");
        assertFalse(FirstBatch.failed(3, List.of("error", "complete", "error")));
        assertFalse(FirstBatch.failed(2, Arrays.asList("error", null)), "one has not ended");
        assertFalse(FirstBatch.failed(2, List.of("error", "queued")));
        assertFalse(FirstBatch.failed(0, List.of()), "an empty batch never failed");
        assertFalse(FirstBatch.failed(1, List.of()));
        assertTrue(FirstBatch.failed(0, List.of("error")));
        assertFalse(FirstBatch.failed(1, List.of("error", "complete")), "every known one must have failed");
    }

    @Test
    void theSizeIsWhatAnOptimizerIssuesFirst() {
        assertEquals(5, FirstBatch.size(50, 5, null, Batching.SYNCHRONOUS, null));
        assertEquals(3, FirstBatch.size(3, 5, null, Batching.SYNCHRONOUS, null), "never more than maxExecutions");
        assertEquals(2, FirstBatch.size(50, 5, 2, Batching.SYNCHRONOUS, null), "capped by maximumQueuedExecutions");
        assertEquals(5, FirstBatch.size(50, 5, 8, Batching.SYNCHRONOUS, null));
        assertEquals(8, FirstBatch.size(50, 5, 8, Batching.ASYNCHRONOUS, null), "asynchronous fills the queue");
        assertEquals(5, FirstBatch.size(50, 5, null, Batching.ASYNCHRONOUS, null));
        assertEquals(5, FirstBatch.size(50, 5, null, null, null), "no batching is synchronous");
        assertEquals(4, FirstBatch.size(50, 5, null, Batching.SYNCHRONOUS, 4), "the optimizer ran out during it");
        assertEquals(1, FirstBatch.size(50, 5, null, Batching.SYNCHRONOUS, 0));
        assertEquals(5, FirstBatch.size(50, 5, null, Batching.SYNCHRONOUS, 36), "ran out later");
    }

    @Test
    void theSizeOfASpecReadsItsFields() {
        TaskSpec spec = new TaskSpec("t", "random_search", null, "python3 train.py", ".", List.of(), null, 10, 4,
                null, null, null, null, "asynchronous", null, 6, null);
        assertEquals(6, FirstBatch.size(spec, null));
        assertEquals(2, FirstBatch.size(spec, 2));
    }

    /**
     * Without a queue cap this is task-service's rule before the rule moved here, term for term:
     * {@code max(1, min(batchSize, maxExecutions))}, then {@code min(that, max(1, issued))} once exhausted.
     */
    @Test
    void withoutAQueueCapTheSizeIsTaskServicesFormerRule() {
        SplittableRandom random = new SplittableRandom(8L);
        for (int i = 0; i < 5000; i++) {
            int max = random.nextInt(0, 200);
            int batch = random.nextInt(0, 50);
            Integer issued = random.nextBoolean() ? null : random.nextInt(0, 300);
            Batching batching = random.nextBoolean() ? Batching.SYNCHRONOUS : Batching.ASYNCHRONOUS;
            int former = Math.max(1, Math.min(batch, max));
            if (issued != null) {
                former = Math.min(former, Math.max(1, issued));
            }
            assertEquals(former, FirstBatch.size(max, batch, null, batching, issued),
                    max + " " + batch + " " + issued + " " + batching);
        }
    }

    @Test
    void anyMixWithASurvivorHasNotFailed() {
        SplittableRandom random = new SplittableRandom(81L);
        List<String> failed = List.of("error", "crashed");
        List<String> others = List.of("complete", "stopped", "queued", "started", "created", "stopping");
        for (int i = 0; i < 2000; i++) {
            int size = random.nextInt(1, 12);
            List<String> statuses = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                statuses.add(failed.get(random.nextInt(failed.size())));
            }
            assertTrue(FirstBatch.failed(size, statuses), statuses.toString());
            statuses.set(random.nextInt(size), others.get(random.nextInt(others.size())));
            assertFalse(FirstBatch.failed(size, statuses), statuses.toString());
        }
    }
}
