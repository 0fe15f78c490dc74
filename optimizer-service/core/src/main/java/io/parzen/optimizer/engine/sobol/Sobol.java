package io.parzen.optimizer.engine.sobol;

import java.util.SplittableRandom;

/**
 * A scrambled Sobol sequence in up to {@value #MAX_DIMS} dimensions, 32 bits per coordinate.
 *
 * <p>Direction numbers: Joe and Kuo, "Constructing Sobol sequences with better two-dimensional
 * projections" (2008), file {@code new-joe-kuo-6.21201}, dimensions 2–{@value #MAX_DIMS} (dimension 1
 * is the van der Corput sequence). Scrambling: a random linear matrix scramble (lower-triangular
 * binary matrix with unit diagonal per dimension) followed by a random digital shift (XOR), as
 * SciPy's {@code qmc.Sobol(scramble=True)} does; the scrambled sequence is still a (t, s)-sequence in
 * base 2. Point {@code i} is computed directly from the Gray code of i, so any index can be asked for.
 */
public final class Sobol {

    /** Dimensions with Joe–Kuo direction numbers. */
    public static final int MAX_DIMS = 53;

    /** Joe–Kuo new-joe-kuo-6.21201, dimensions 2..53: s a m_1 .. m_s. */
    private static final int[][] JOE_KUO = {
        {1, 0, 1}, {2, 1, 1, 3}, {3, 1, 1, 3, 1}, {3, 2, 1, 1, 1}, {4, 1, 1, 1, 3, 3}, {4, 4, 1, 3, 5, 13},
        {5, 2, 1, 1, 5, 5, 17}, {5, 4, 1, 1, 5, 5, 5}, {5, 7, 1, 1, 7, 11, 19}, {5, 11, 1, 1, 5, 1, 1},
        {5, 13, 1, 1, 1, 3, 11}, {5, 14, 1, 3, 5, 5, 31}, {6, 1, 1, 3, 3, 9, 7, 49}, {6, 13, 1, 1, 1, 15, 21, 21},
        {6, 16, 1, 3, 1, 13, 27, 49}, {6, 19, 1, 1, 1, 15, 7, 5}, {6, 22, 1, 3, 1, 15, 13, 25},
        {6, 25, 1, 1, 5, 5, 19, 61}, {7, 1, 1, 3, 7, 11, 23, 15, 103}, {7, 4, 1, 3, 7, 13, 13, 15, 69},
        {7, 7, 1, 1, 3, 13, 7, 35, 63}, {7, 8, 1, 3, 5, 9, 1, 25, 53}, {7, 14, 1, 3, 1, 13, 9, 35, 107},
        {7, 19, 1, 3, 1, 5, 27, 61, 31}, {7, 21, 1, 1, 5, 11, 19, 41, 61}, {7, 28, 1, 3, 5, 3, 3, 13, 69},
        {7, 31, 1, 1, 7, 13, 1, 19, 1}, {7, 32, 1, 3, 7, 5, 13, 19, 59}, {7, 37, 1, 1, 3, 9, 25, 29, 41},
        {7, 41, 1, 3, 5, 13, 23, 1, 55}, {7, 42, 1, 3, 7, 3, 13, 59, 17}, {7, 50, 1, 3, 1, 3, 5, 53, 69},
        {7, 55, 1, 1, 5, 5, 23, 33, 13}, {7, 56, 1, 1, 7, 7, 1, 61, 123}, {7, 59, 1, 1, 7, 9, 13, 61, 49},
        {7, 62, 1, 3, 3, 5, 3, 55, 33}, {8, 14, 1, 3, 1, 15, 31, 13, 49, 245}, {8, 21, 1, 3, 5, 15, 31, 59, 63, 97},
        {8, 22, 1, 3, 1, 11, 11, 11, 77, 249}, {8, 38, 1, 3, 1, 11, 27, 43, 71, 9}, {8, 47, 1, 1, 7, 15, 21, 11, 81, 45},
        {8, 49, 1, 3, 7, 3, 25, 31, 65, 79}, {8, 50, 1, 3, 1, 1, 19, 11, 3, 205}, {8, 52, 1, 1, 5, 9, 19, 21, 29, 157},
        {8, 56, 1, 3, 7, 11, 1, 33, 89, 185}, {8, 67, 1, 3, 3, 3, 15, 9, 79, 71}, {8, 70, 1, 3, 7, 11, 15, 39, 119, 27},
        {8, 84, 1, 1, 3, 1, 11, 31, 97, 225}, {8, 97, 1, 1, 1, 3, 23, 43, 57, 177}, {8, 103, 1, 3, 7, 7, 17, 17, 37, 71},
        {8, 115, 1, 3, 1, 5, 27, 63, 123, 213}, {8, 122, 1, 1, 3, 5, 11, 43, 53, 133},
    };

    /** Bits of each coordinate: one Java int, 2³² points per sequence (more than any task issues). */
    static final int BITS = 32;
    /** 2⁻³²: turns a 32-bit coordinate into [0, 1). */
    private static final double UNIT = 0x1.0p-32;
    /** Points of one sequence: 2^{@value #BITS}. */
    public static final long LENGTH = 1L << BITS;

    private final int dims;
    private final int[][] v;   // [dim][bit] direction numbers (bit 0 = the first), scrambled
    private final int[] shift; // [dim] digital shift

    /** Unscrambled sequence. */
    public Sobol(int dims) {
        this(dims, null);
    }

    /** Scrambled with a matrix scramble and digital shift drawn from {@code seed}. */
    public Sobol(int dims, long seed) {
        this(dims, new SplittableRandom(seed));
    }

    private Sobol(int dims, SplittableRandom scramble) {
        if (dims < 1 || dims > MAX_DIMS) {
            throw new IllegalArgumentException("Sobol dimensions must be 1.." + MAX_DIMS + ": " + dims);
        }
        this.dims = dims;
        v = new int[dims][BITS];
        shift = new int[dims];
        for (int j = 0; j < dims; j++) {
            int[] dir = v[j];
            if (j == 0) {
                for (int k = 0; k < BITS; k++) {
                    dir[k] = 1 << (BITS - 1 - k);
                }
            } else {
                int[] row = JOE_KUO[j - 1];
                int s = row[0];
                int a = row[1];
                for (int k = 0; k < s && k < BITS; k++) {
                    dir[k] = row[2 + k] << (BITS - 1 - k);
                }
                for (int k = s; k < BITS; k++) {
                    int x = dir[k - s] ^ (dir[k - s] >>> s);
                    for (int q = 1; q < s; q++) {
                        if (((a >>> (s - 1 - q)) & 1) != 0) {
                            x ^= dir[k - q];
                        }
                    }
                    dir[k] = x;
                }
            }
            if (scramble != null) {
                // lower-triangular matrix with unit diagonal, rows as masks (MSB = column 0)
                int[] rows = new int[BITS];
                for (int r = 0; r < BITS; r++) {
                    int lowerMask = r == 0 ? 0 : (int) (0xFFFFFFFFL << (BITS - r));
                    rows[r] = (scramble.nextInt() & lowerMask) | (1 << (BITS - 1 - r));
                }
                for (int k = 0; k < BITS; k++) {
                    int x = dir[k];
                    int y = 0;
                    for (int r = 0; r < BITS; r++) {
                        y |= (Integer.bitCount(rows[r] & x) & 1) << (BITS - 1 - r);
                    }
                    dir[k] = y;
                }
                shift[j] = scramble.nextInt();
            }
        }
    }

    public int dims() {
        return dims;
    }

    /** Point {@code index} (0-based), coordinates in [0, 1). */
    public double[] point(long index) {
        if (index < 0 || index >= LENGTH) {
            throw new IllegalArgumentException("Sobol index out of range: " + index);
        }
        long gray = index ^ (index >>> 1);
        double[] out = new double[dims];
        for (int j = 0; j < dims; j++) {
            int x = shift[j];
            long g = gray;
            for (int k = 0; g != 0; k++, g >>>= 1) {
                if ((g & 1) != 0) {
                    x ^= v[j][k];
                }
            }
            out[j] = (x & 0xFFFFFFFFL) * UNIT;
        }
        return out;
    }
}
