package io.parzen.optimizer.engine.support;

import io.parzen.optimizer.space.Codec;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The points already issued in a study (complete, pending and failed) plus those proposed so far in the
 * current batch, for duplicate avoidance, and the random fallback that finds an unissued point.
 *
 * <p>On a finite space, "nearly exhausted" is detected by failed rejection sampling (64 draws); then
 * the unissued points are enumerated (spaces of up to {@value #ENUMERATION_LIMIT} points) and one is
 * picked uniformly. Larger spaces cannot be nearly exhausted by a realistic number of trials.
 */
public final class Issued {

    /** Largest finite space whose remaining points are enumerated: 5·10⁶ short keys stay within a service's heap. */
    public static final long ENUMERATION_LIMIT = 5_000_000L;
    /**
     * Random draws before a finite space counts as nearly exhausted: 64 misses in a row mean at most a
     * few percent of it is free (the chance of 64 misses with 10 % free is 0.9⁶⁴ ≈ 0.1 %).
     */
    private static final int REJECTION_TRIES = 64;
    /** Draws on a continuous or huge space, in units of {@value #REJECTION_TRIES}, before giving up. */
    private static final int LARGE_SPACE_TRY_ROUNDS = 100;

    private final Codec codec;
    private final Set<Codec.Key> keys = new HashSet<>();
    private final boolean finite;
    private final long cardinality;

    public Issued(Codec codec, Study study) {
        this(codec, encodeAll(codec, study));
    }

    /** From the codes of every trial of a study (see {@link #encodeAll}). */
    public Issued(Codec codec, List<double[]> trialCodes) {
        this.codec = codec;
        this.finite = codec.space().isFinite();
        this.cardinality = codec.space().cardinality();
        for (double[] c : trialCodes) {
            if (!Codec.hasMissing(c)) {
                keys.add(codec.key(c));
            }
        }
    }

    /** The codes of every trial of the study, in issue order. */
    public static List<double[]> encodeAll(Codec codec, Study study) {
        List<double[]> out = new ArrayList<>(study.trials().size());
        for (Trial t : study.trials()) {
            out.add(codec.encode(t.point()));
        }
        return out;
    }

    public Codec codec() {
        return codec;
    }

    /** True when the point was issued before (or earlier in this batch). */
    public boolean contains(double[] codes) {
        return keys.contains(codec.key(codes));
    }

    /** Records a point; false when it was already issued. */
    public boolean add(double[] codes) {
        return keys.add(codec.key(codes));
    }

    public int size() {
        return keys.size();
    }

    /** True when the space is finite and every point has been issued. */
    public boolean exhausted() {
        return finite && keys.size() >= cardinality;
    }

    /**
     * A random point that was not issued, drawn with {@link RandomSampling}, or null when the space is
     * exhausted. The point is not recorded; call {@link #add}.
     */
    public double[] randomUnissued(RandomGenerator random) {
        if (exhausted()) {
            return null;
        }
        for (int i = 0; i < REJECTION_TRIES; i++) {
            double[] c = RandomSampling.draw(codec, random);
            if (!contains(c)) {
                return c;
            }
        }
        if (!finite || cardinality > ENUMERATION_LIMIT) {
            // continuous dimensions make a collision practically impossible; huge finite spaces cannot
            // be nearly full: keep drawing
            for (int i = 0; i < LARGE_SPACE_TRY_ROUNDS * REJECTION_TRIES; i++) {
                double[] c = RandomSampling.draw(codec, random);
                if (!contains(c)) {
                    return c;
                }
            }
            return null;
        }
        List<double[]> remaining = unissued();
        if (remaining.isEmpty()) {
            return null;
        }
        return remaining.get(random.nextInt(remaining.size()));
    }

    /** Every unissued point of a finite space (of at most ENUMERATION_LIMIT points), in index order. */
    public List<double[]> unissued() {
        int d = codec.dims();
        List<double[]> out = new ArrayList<>();
        long[] counts = new long[d];
        for (int i = 0; i < d; i++) {
            counts[i] = codec.count(i);
        }
        double[] c = new double[d];
        for (long idx = 0; idx < cardinality; idx++) {
            long rest = idx;
            for (int i = d - 1; i >= 0; i--) {
                c[i] = rest % counts[i];
                rest /= counts[i];
            }
            if (!contains(c)) {
                out.add(c.clone());
            }
        }
        return out;
    }
}
