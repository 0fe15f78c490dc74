package io.parzen.optimizer.study;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A study's randomness. Every batch draws from its own stream, derived from the task's seed and the
 * batch number only, so that a batch computed again (after a crash, or on a replayed event) is the
 * same batch, and two tasks with the same seed and the same results propose the same points.
 */
public final class Seeds {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private Seeds() {
    }

    /** The task's seed: the one the task gives, else a stable 64-bit hash (FNV-1a) of the task id. */
    public static long taskSeed(Long seed, String taskId) {
        if (seed != null) {
            return seed;
        }
        long h = FNV_OFFSET;
        for (byte b : taskId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    /** The seed of batch {@code batch} (1-based): the SplitMix64 finalizer of seed and batch. */
    public static long batchSeed(long taskSeed, int batch) {
        long z = taskSeed + GOLDEN_GAMMA * (batch + 1L);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A fresh random source for batch {@code batch} of a task. */
    public static RandomGenerator forBatch(long taskSeed, int batch) {
        return new SplittableRandom(batchSeed(taskSeed, batch));
    }
}
