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

    /** FNV-1a 64-bit offset basis and prime (Fowler, Noll, Vo). */
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** SplitMix64's increment, 2⁶⁴/φ (Steele, Lea, Flood 2014; {@code java.util.SplittableRandom}'s GOLDEN_GAMMA). */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    /** SplitMix64's finalizer (Stafford's Mix13 variant): shifts and multipliers. */
    private static final int MIX_SHIFT_1 = 30;
    private static final long MIX_MULTIPLIER_1 = 0xbf58476d1ce4e5b9L;
    private static final int MIX_SHIFT_2 = 27;
    private static final long MIX_MULTIPLIER_2 = 0x94d049bb133111ebL;
    private static final int MIX_SHIFT_3 = 31;

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
        z = (z ^ (z >>> MIX_SHIFT_1)) * MIX_MULTIPLIER_1;
        z = (z ^ (z >>> MIX_SHIFT_2)) * MIX_MULTIPLIER_2;
        return z ^ (z >>> MIX_SHIFT_3);
    }

    /** A fresh random source for batch {@code batch} of a task. */
    public static RandomGenerator forBatch(long taskSeed, int batch) {
        return new SplittableRandom(batchSeed(taskSeed, batch));
    }
}
