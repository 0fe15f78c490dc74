package io.parzen.task.limits;

import java.util.SplittableRandom;

/**
 * Runs a property over generated samples: our own small, seeded harness (see {@link Gen}). The
 * seed is fixed by default, so every build tests the same samples; {@code -Dparzen.fuzz.seed=N}
 * (decimal or 0x hex) picks another. Each try gets its own seed, drawn from the run's seed, and a
 * failure reports the run's seed, the try, its seed and the sample, so it can be reproduced with
 * {@link #sample(long, Gen)} or by rerunning with the same {@code parzen.fuzz.seed}.
 */
final class Properties {

    static final String SEED_PROPERTY = "parzen.fuzz.seed";
    static final long DEFAULT_SEED = 20_251_201L;

    private Properties() {
    }

    /** The property to check: throws (an assertion error, usually) when it does not hold. */
    @FunctionalInterface
    interface Property<T> {
        void check(T sample) throws Exception;
    }

    /** The seed of this run: {@value #SEED_PROPERTY} if set, else {@value #DEFAULT_SEED}. */
    static long seed() {
        String s = System.getProperty(SEED_PROPERTY);
        return s == null || s.isBlank() ? DEFAULT_SEED : Long.decode(s.trim());
    }

    /** {@link #forAll(long, int, Gen, Property)} with the run's {@link #seed()}. */
    static <T> void forAll(String name, int tries, Gen<T> gen, Property<? super T> property) {
        long seed = seed();
        long start = System.nanoTime();
        forAll(seed, tries, gen, property);
        System.out.printf("%s: %d tries passed in %d ms (seed %d, -D%s=)%n", name, tries,
                (System.nanoTime() - start) / 1_000_000, seed, SEED_PROPERTY);
    }

    /** Checks {@code property} on {@code tries} samples of {@code gen} drawn from {@code seed}. */
    static <T> void forAll(long seed, int tries, Gen<T> gen, Property<? super T> property) {
        SplittableRandom run = new SplittableRandom(seed);
        for (int i = 0; i < tries; i++) {
            long trySeed = run.nextLong();
            T sample = gen.next(new SplittableRandom(trySeed));
            try {
                property.check(sample);
            } catch (Throwable e) {
                throw new AssertionError(String.format(
                        "property failed at try %d of %d: seed %d (rerun with -D%s=%d), try seed %d"
                                + " (Properties.sample(%dL, gen)), sample: %s%n  %s",
                        i + 1, tries, seed, SEED_PROPERTY, seed, trySeed, trySeed, trySeed, describe(sample), e), e);
            }
        }
    }

    /** The sample of the try whose seed a failure reported. */
    static <T> T sample(long trySeed, Gen<T> gen) {
        return gen.next(new SplittableRandom(trySeed));
    }

    static String describe(Object sample) {
        String s = String.valueOf(sample);
        return s.length() <= 500 ? s : s.substring(0, 500) + "… (" + s.length() + " characters)";
    }
}
