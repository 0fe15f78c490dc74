package io.parzen.optimizer.engine.gp;

/**
 * Minimal unconstrained L-BFGS (memory 8) with a backtracking Armijo line search, for the
 * GP hyperparameter fit (a handful of variables; commons-math3 has no quasi-Newton optimizer).
 * An objective may return +inf to reject a point (the line search then backtracks).
 */
final class Lbfgs {

    /** Correction pairs kept (3–20 is the usual range; the fit has G + 2 ≤ a few dozen variables). */
    static final int MEMORY = 8;
    /** Longest step, in ln-parameter units: e³ ≈ 20× per step at most, so a step cannot jump over the data's scales. */
    static final double MAX_STEP_LENGTH = 3;
    /** Halvings of the step before the line search gives up. */
    static final int LINE_SEARCH_STEPS = 30;
    /** Armijo sufficient-decrease constant (Nocedal and Wright's usual 1e-4). */
    static final double ARMIJO = 1e-4;
    /** Factor of each backtracking step. */
    static final double BACKTRACK = 0.5;
    /** A correction pair is kept only with curvature s·y above this (else the update would not stay positive definite). */
    static final double MIN_CURVATURE = 1e-12;
    /** Floor of the gradient norm when the first step is scaled to length 1. */
    static final double MIN_GRADIENT_NORM = 1e-12;
    /** The search stops when a step improves the value by less than this, relative to max(1, |f|). */
    static final double RELATIVE_IMPROVEMENT_TOLERANCE = 1e-9;

    interface Objective {
        /** Value at x; writes the gradient into grad. */
        double valueAndGradient(double[] x, double[] grad);
    }

    private Lbfgs() {
    }

    /** Minimizes in place from x; returns the final value. */
    static double minimize(Objective f, double[] x, int maxIter, double gradTol) {
        int d = x.length;
        int mem = MEMORY;
        double[][] s = new double[mem][d];
        double[][] yv = new double[mem][d];
        double[] rho = new double[mem];
        int stored = 0;
        int head = 0;
        double[] g = new double[d];
        double fx = f.valueAndGradient(x, g);
        if (!Double.isFinite(fx)) {
            return fx;
        }
        double[] dir = new double[d];
        double[] xn = new double[d];
        double[] gn = new double[d];
        double[] al = new double[mem];
        for (int it = 0; it < maxIter; it++) {
            if (maxAbs(g) < gradTol) {
                break;
            }
            // two-loop recursion
            System.arraycopy(g, 0, dir, 0, d);
            for (int k = 0; k < stored; k++) {
                int i = Math.floorMod(head - 1 - k, mem);
                al[i] = rho[i] * dot(s[i], dir);
                axpy(-al[i], yv[i], dir);
            }
            if (stored > 0) {
                int last = Math.floorMod(head - 1, mem);
                double gamma = dot(s[last], yv[last]) / dot(yv[last], yv[last]);
                scale(dir, gamma);
            } else {
                double gn0 = Math.sqrt(dot(g, g));
                scale(dir, Math.min(1.0, 1.0 / Math.max(gn0, MIN_GRADIENT_NORM)));
            }
            for (int k = stored - 1; k >= 0; k--) {
                int i = Math.floorMod(head - 1 - k, mem);
                double b = rho[i] * dot(yv[i], dir);
                axpy(al[i] - b, s[i], dir);
            }
            scale(dir, -1);
            double slope = dot(g, dir);
            if (!(slope < 0)) {
                // not a descent direction: reset to steepest descent
                for (int i = 0; i < d; i++) {
                    dir[i] = -g[i];
                }
                slope = dot(g, dir);
                stored = 0;
            }
            // cap step length in log-parameter space
            double norm = Math.sqrt(dot(dir, dir));
            double step = norm > MAX_STEP_LENGTH ? MAX_STEP_LENGTH / norm : 1.0;
            double fn = Double.NaN;
            boolean ok = false;
            for (int ls = 0; ls < LINE_SEARCH_STEPS; ls++) {
                for (int i = 0; i < d; i++) {
                    xn[i] = x[i] + step * dir[i];
                }
                fn = f.valueAndGradient(xn, gn);
                if (Double.isFinite(fn) && fn <= fx + ARMIJO * step * slope) {
                    ok = true;
                    break;
                }
                step *= BACKTRACK;
            }
            if (!ok) {
                break;
            }
            double[] sv = s[head];
            double[] yy = yv[head];
            for (int i = 0; i < d; i++) {
                sv[i] = xn[i] - x[i];
                yy[i] = gn[i] - g[i];
            }
            double sy = dot(sv, yy);
            if (sy > MIN_CURVATURE) {
                rho[head] = 1.0 / sy;
                head = (head + 1) % mem;
                stored = Math.min(mem, stored + 1);
            }
            double improvement = fx - fn;
            System.arraycopy(xn, 0, x, 0, d);
            System.arraycopy(gn, 0, g, 0, d);
            fx = fn;
            if (improvement < RELATIVE_IMPROVEMENT_TOLERANCE * Math.max(1.0, Math.abs(fx))) {
                break;
            }
        }
        return fx;
    }

    private static double dot(double[] a, double[] b) {
        double acc = 0;
        for (int i = 0; i < a.length; i++) {
            acc += a[i] * b[i];
        }
        return acc;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double[] x, double a) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
