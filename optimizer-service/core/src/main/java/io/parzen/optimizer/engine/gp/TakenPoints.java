package io.parzen.optimizer.engine.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The points of a study that may not be proposed again (issued: complete, pending, failed, or chosen
 * earlier in this batch), identified by their grid indices on discrete parameters and their exact
 * coordinate otherwise; and the finite-space enumeration of the points that are still free.
 */
final class TakenPoints {

    /** Rejection-sampling draws for a random free point before a finite space is enumerated instead. */
    static final int RANDOM_ATTEMPTS = 1000;
    /**
     * Largest finite space whose free points are enumerated when rejection sampling fails: one million
     * points of a few doubles each stay well within a service's heap (the other engines enumerate up to
     * 5·10⁶ through {@code engine/support}).
     */
    static final long ENUMERATION_LIMIT = 1_000_000;

    private final SpaceEncoding enc;
    private final Set<List<Double>> keys = new HashSet<>();

    TakenPoints(SpaceEncoding enc) {
        this.enc = enc;
    }

    void add(double[] u) {
        keys.add(key(enc, u));
    }

    boolean contains(double[] u) {
        return keys.contains(key(enc, u));
    }

    int size() {
        return keys.size();
    }

    /** The identity of a snapped vector: grid index of an evenly spaced discrete parameter, else the coordinate. */
    static List<Double> key(SpaceEncoding enc, double[] u) {
        Double[] k = new Double[u.length];
        for (int i = 0; i < u.length; i++) {
            k[i] = enc.levels(i) > 0 && !enc.isLogGrid(i) ? (double) enc.index(i, u[i]) : u[i];
        }
        return Arrays.asList(k);
    }

    /** A uniformly random free point, or null when none is found (an exhausted or too large finite space). */
    double[] randomFree(RandomGenerator rng) {
        for (int attempt = 0; attempt < RANDOM_ATTEMPTS; attempt++) {
            double[] u = enc.random(rng);
            if (!contains(u)) {
                return u;
            }
        }
        if (enc.space().isFinite() && enc.space().cardinality() <= ENUMERATION_LIMIT) {
            List<double[]> free = free(ENUMERATION_LIMIT);
            return free.isEmpty() ? null : free.get(rng.nextInt(free.size()));
        }
        return null;
    }

    /** All valid points of a finite space that are not taken, among its first {@code limit} points. */
    List<double[]> free(long limit) {
        int p = enc.parameterCount();
        long[] levels = new long[p];
        for (int i = 0; i < p; i++) {
            levels[i] = enc.levels(i);
        }
        List<double[]> out = new ArrayList<>();
        long[] idx = new long[p];
        long total = enc.space().cardinality();
        for (long c = 0; c < total && c < limit; c++) {
            double[] u = new double[p];
            for (int i = 0; i < p; i++) {
                u[i] = enc.gridPoint(i, idx[i]);
            }
            if (!contains(u)) {
                out.add(u);
            }
            for (int i = p - 1; i >= 0; i--) {
                if (++idx[i] < levels[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return out;
    }
}
