package io.parzen.task.analysis;

/** The standard normal distribution's probability mass between two points, accurate in the tails too. */
final class Normal {

    private Normal() {
    }

    /** P(a < Z ≤ b) for a standard normal Z, {@code a <= b}. */
    static double mass(double a, double b) {
        if (a >= b) {
            return 0;
        }
        if (a >= 0) { // both in the upper tail: difference of upper tails keeps the relative accuracy
            return Math.max(0, upperTail(a) - upperTail(b));
        }
        if (b <= 0) {
            return Math.max(0, upperTail(-b) - upperTail(-a));
        }
        return Math.max(0, 1 - upperTail(b) - upperTail(-a));
    }

    /** P(Z > z) = erfc(z/√2)/2. */
    static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** The complementary error function (Apache Commons Math, accurate to about 1e-15). */
    static double erfc(double x) {
        return org.apache.commons.math3.special.Erf.erfc(x);
    }
}
