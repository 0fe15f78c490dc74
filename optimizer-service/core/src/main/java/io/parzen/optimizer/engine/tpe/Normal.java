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

    private Normal() {
    }

    /** Φ(−|z|), the lower tail at the absolute value: accurate for large |z|. */
    public static double tail(double z) {
        double x = Math.abs(z);
        if (x > 38.5) {
            return 0;
        }
        double e = Math.exp(-0.5 * x * x);
        if (x < 7.07106781186547) {
            double n = 3.52624965998911e-02 * x + 0.700383064443688;
            n = n * x + 6.37396220353165;
            n = n * x + 33.912866078383;
            n = n * x + 112.079291497871;
            n = n * x + 221.213596169931;
            n = n * x + 220.206867912376;
            double d = 8.83883476483184e-02 * x + 1.75566716318264;
            d = d * x + 16.064177579207;
            d = d * x + 86.7807322029461;
            d = d * x + 296.564248779674;
            d = d * x + 637.333633378831;
            d = d * x + 793.826512519948;
            d = d * x + 440.413735824752;
            return e * n / d;
        }
        double b = x + 0.65;
        b = x + 4 / b;
        b = x + 3 / b;
        b = x + 2 / b;
        b = x + 1 / b;
        return e / b / 2.506628274631;
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
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                    - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                    / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                    + 3.754408661907416e+00) * q + 1);
        } else if (p <= 1 - 0.02425) {
            double q = p - 0.5;
            double r = q * q;
            x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                    + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                    / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                    + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
        } else {
            double q = Math.sqrt(-2 * Math.log1p(-p));
            x = -(((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                    - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                    / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                    + 3.754408661907416e+00) * q + 1);
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
