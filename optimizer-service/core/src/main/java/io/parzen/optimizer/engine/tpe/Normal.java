package io.parzen.optimizer.engine.tpe;

/**
 * Standard normal helpers in double precision without boxing: the CDF (Hart 1968 as given by
 * G. West, "Better approximations to cumulative normal functions", about 1e-15 accuracy), a stable
 * log mass of an interval (left, right and central branches, as Optuna's {@code _log_gauss_mass}),
 * the inverse CDF (Acklam's approximation refined by one Halley step) and truncated sampling.
 */
public final class Normal {

    static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    /** Beyond this |z| the tail underflows: exp(−z²/2) < 1e-321 (double's smallest subnormal is 4.9e-324). */
    static final double TAIL_UNDERFLOW = 38.5;
    /** West's switch from the rational approximation to the continued fraction: 10/√2. */
    static final double WEST_SWITCH = 7.07106781186547;
    /** Hart 1968 (West's table) numerator coefficients, highest degree first. */
    private static final double[] HART_NUMERATOR = {3.52624965998911e-02, 0.700383064443688, 6.37396220353165,
        33.912866078383, 112.079291497871, 221.213596169931, 220.206867912376};
    /** Hart 1968 (West's table) denominator coefficients, highest degree first. */
    private static final double[] HART_DENOMINATOR = {8.83883476483184e-02, 1.75566716318264, 16.064177579207,
        86.7807322029461, 296.564248779674, 637.333633378831, 793.826512519948, 440.413735824752};
    /** First term of West's continued fraction x + 1/(x + 2/(x + 3/(x + 4/(x + 0.65)))). */
    private static final double CONTINUED_FRACTION_START = 0.65;
    /** √(2π) to the 13 digits of West's code (kept as published, so the tail is his approximation). */
    private static final double WEST_SQRT_2PI = 2.506628274631;
    /** Acklam's split between the tail and the central region of the inverse CDF. */
    static final double ACKLAM_P_LOW = 0.02425;
    /** Acklam's tail coefficients c1..c6 (numerator) and d1..d4, 1 (denominator), highest degree first. */
    private static final double[] ACKLAM_TAIL_NUMERATOR = {-7.784894002430293e-03, -3.223964580411365e-01,
        -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] ACKLAM_TAIL_DENOMINATOR = {7.784695709041462e-03, 3.224671290700398e-01,
        2.445134137142996e+00, 3.754408661907416e+00, 1};
    /** Acklam's central coefficients a1..a6 (numerator, times q) and b1..b5, 1 (denominator), highest degree first. */
    private static final double[] ACKLAM_CENTRAL_NUMERATOR = {-3.969683028665376e+01, 2.209460984245205e+02,
        -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] ACKLAM_CENTRAL_DENOMINATOR = {-5.447609879822406e+01, 1.615858368580409e+02,
        -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01, 1};

    private Normal() {
    }

    /** Horner's scheme, highest degree first: the same sums in the same order as the written-out polynomial. */
    private static double polynomial(double[] c, double x) {
        double acc = c[0] * x + c[1];
        for (int i = 2; i < c.length; i++) {
            acc = acc * x + c[i];
        }
        return acc;
    }

    /** Φ(−|z|), the lower tail at the absolute value: accurate for large |z|. */
    public static double tail(double z) {
        double x = Math.abs(z);
        if (x > TAIL_UNDERFLOW) {
            return 0;
        }
        double e = Math.exp(-0.5 * x * x);
        if (x < WEST_SWITCH) {
            double n = polynomial(HART_NUMERATOR, x);
            double d = polynomial(HART_DENOMINATOR, x);
            return e * n / d;
        }
        double b = x + CONTINUED_FRACTION_START;
        b = x + 4 / b;
        b = x + 3 / b;
        b = x + 2 / b;
        b = x + 1 / b;
        return e / b / WEST_SQRT_2PI;
    }

    /** Φ(z). */
    public static double cdf(double z) {
        double t = tail(z);
        return z > 0 ? 1 - t : t;
    }

    /** Φ(b) − Φ(a) for a ≤ b, computed without cancellation in either tail. */
    public static double mass(double a, double b) {
        if (a >= 0) {
            return tail(a) - tail(b);
        }
        if (b <= 0) {
            return tail(b) - tail(a);
        }
        return 1 - tail(a) - tail(b);
    }

    /** ln(Φ(b) − Φ(a)); −∞ when the mass underflows. */
    public static double logMass(double a, double b) {
        return Math.log(mass(a, b));
    }

    /** Φ⁻¹(p) for p in (0, 1); ±∞ at 0 and 1. */
    public static double ppf(double p) {
        if (p <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        double x;
        if (p < ACKLAM_P_LOW) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = polynomial(ACKLAM_TAIL_NUMERATOR, q) / polynomial(ACKLAM_TAIL_DENOMINATOR, q);
        } else if (p <= 1 - ACKLAM_P_LOW) {
            double q = p - 0.5;
            double r = q * q;
            x = polynomial(ACKLAM_CENTRAL_NUMERATOR, r) * q / polynomial(ACKLAM_CENTRAL_DENOMINATOR, r);
        } else {
            double q = Math.sqrt(-2 * Math.log1p(-p));
            x = -polynomial(ACKLAM_TAIL_NUMERATOR, q) / polynomial(ACKLAM_TAIL_DENOMINATOR, q);
        }
        // one Halley step on the lower tail for accuracy
        if (x < 0 || p <= 0.5) {
            double e = cdf(x) - p;
            double u = e * SQRT_2PI * Math.exp(0.5 * x * x);
            x = x - u / (1 + 0.5 * x * u);
        } else {
            double e = tail(x) - (1 - p);
            double u = -e * SQRT_2PI * Math.exp(0.5 * x * x);
            x = x - u / (1 + 0.5 * x * u);
        }
        return x;
    }

    /**
     * The quantile u in [0, 1) of the standard normal truncated to [a, b], computed on the side where
     * it is accurate; the result is kept inside [a, b].
     */
    public static double truncatedPpf(double a, double b, double u) {
        double m = mass(a, b);
        double x;
        double lowTailA = a <= 0 ? tail(a) : 1 - tail(a);
        double p = lowTailA + u * m;
        if (p <= 0.5) {
            x = ppf(p);
        } else {
            double upTailB = b >= 0 ? tail(b) : 1 - tail(b);
            x = -ppf(upTailB + (1 - u) * m);
        }
        if (!(x >= a)) {
            x = a;
        }
        if (!(x <= b)) {
            x = b;
        }
        return x;
    }
}
