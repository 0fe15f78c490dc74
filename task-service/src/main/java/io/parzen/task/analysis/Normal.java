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

    /**
     * The complementary error function, Chebyshev fit with fractional error below 1.2e-7 everywhere
     * (Press et al., Numerical Recipes, 2nd ed., section 6.2).
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }
}
