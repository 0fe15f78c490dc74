package io.parzen.optimizer.study;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void theTaskSeedIsTheGivenOneElseAStableHashOfTheTaskId() {
        assertThat(Seeds.taskSeed(42L, "t-1")).isEqualTo(42L);
        assertThat(Seeds.taskSeed(null, "t-1")).isEqualTo(Seeds.taskSeed(null, "t-1"));
        assertThat(Seeds.taskSeed(null, "t-1")).isNotEqualTo(Seeds.taskSeed(null, "t-2"));
        // FNV-1a 64 of "a": a fixed value, the same on every JVM
        assertThat(Seeds.taskSeed(null, "a")).isEqualTo(0xaf63dc4c8601ec8cL);
    }

    @Test
    void everyBatchHasItsOwnReproducibleStream() {
        long a = Seeds.forBatch(42L, 1).nextLong();
        assertThat(Seeds.forBatch(42L, 1).nextLong()).isEqualTo(a);
        assertThat(Seeds.forBatch(42L, 2).nextLong()).isNotEqualTo(a);
        assertThat(Seeds.forBatch(43L, 1).nextLong()).isNotEqualTo(a);
        assertThat(Seeds.batchSeed(0L, 1)).isNotEqualTo(Seeds.batchSeed(0L, 2));
    }
}
