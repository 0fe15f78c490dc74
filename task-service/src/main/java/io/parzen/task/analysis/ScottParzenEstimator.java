package io.parzen.task.analysis;

/**
 * A one-dimensional Parzen estimator over grid cells {@code 0..n-1}, built from how many observations
 * fell in each cell, as Optuna's PED-ANOVA builds it
 * ({@code optuna/importance/_ped_anova/_scott_parzen_estimator.py}):
 *
 * <ul>
 *   <li>numeric parameters: one discrete truncated normal kernel per occupied cell, weighted by its
 *       count, all with the bandwidth of Scott's rule ({@code 1.059 · min(IQR/1.34, σ̂) · n^-0.2}, at
 *       least {@code 0.5/1.64} cells), plus a prior kernel centred on the grid with σ = the grid's width,
 *       weight {@code priorWeight};</li>
 *   <li>categorical parameters: one kernel per occupied choice, weighted by its count, that puts
 *       {@code 1 + priorWeight/k} on its choice and {@code priorWeight/k} on every other ({@code k} =
 *       occupied choices + 1, then normalized), plus the uniform prior kernel.</li>
 * </ul>
 *
 * Plain Java; {@link #pdf()} gives the probability of every cell (they sum to 1).
 */
final class ScottParzenEstimator {

    private ScottParzenEstimator() {
    }

    /** The probability of each of the {@code counts.length} grid cells under the numeric estimator. */
    static double[] numeric(double[] counts, double priorWeight) {
        int n = counts.length;
        double total = 0;
        int occupied = 0;
        for (double c : counts) {
            total += c;
            if (c > 0) {
                occupied++;
            }
        }
        double[] pdf = new double[n];
        if (occupied == 0) {
            // Optuna: no observation, the prior alone
            addKernel(pdf, 0.5 * (n - 1), n, 1.0);
            return pdf;
        }
        double[] mus = new double[occupied];
        double[] weights = new double[occupied];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (counts[i] > 0) {
                mus[k] = i;
                weights[k] = counts[i];
                k++;
            }
        }
        double mean = 0;
        for (int i = 0; i < occupied; i++) {
            mean += mus[i] * weights[i] / total;
        }
        double squares = 0;
        for (int i = 0; i < occupied; i++) {
            squares += (mus[i] - mean) * (mus[i] - mean) * weights[i];
        }
        double sigmaEstimate = Math.sqrt(squares / Math.max(1, total - 1));
        double cumulative = 0;
        int q25 = -1;
        int q75 = -1;
        double quarter = Math.floor(total / 4);
        double threeQuarters = Math.floor(total * 3 / 4);
        for (int i = 0; i < occupied; i++) {
            cumulative += weights[i];
            if (q25 < 0 && cumulative >= quarter) { // numpy searchsorted side=left
                q25 = i;
            }
            if (q75 < 0 && cumulative > threeQuarters) { // side=right
                q75 = i;
            }
        }
        if (q25 < 0) {
            q25 = occupied - 1;
        }
        if (q75 < 0) {
            q75 = occupied - 1;
        }
        double iqr = mus[Math.min(occupied - 1, q75)] - mus[q25];
        double sigma = 1.059 * Math.min(iqr / 1.34, sigmaEstimate) * Math.pow(total, -0.2);
        sigma = Math.max(sigma, 0.5 / 1.64);
        double mixtureTotal = total + priorWeight;
        for (int i = 0; i < occupied; i++) {
            addKernel(pdf, mus[i], sigma, weights[i] / mixtureTotal);
        }
        addKernel(pdf, 0.5 * (n - 1), n, priorWeight / mixtureTotal);
        return pdf;
    }

    /** The probability of each choice under the categorical estimator. */
    static double[] categorical(double[] counts, double priorWeight) {
        int n = counts.length;
        double total = 0;
        int occupied = 0;
        for (double c : counts) {
            total += c;
            if (c > 0) {
                occupied++;
            }
        }
        double[] pdf = new double[n];
        if (occupied == 0) {
            java.util.Arrays.fill(pdf, 1.0 / n);
            return pdf;
        }
        int kernels = occupied + 1;
        double mixtureTotal = total + priorWeight;
        double base = priorWeight / kernels;
        double rowSum = base * n + 1;
        for (int i = 0; i < n; i++) {
            if (counts[i] <= 0) {
                continue;
            }
            double w = counts[i] / mixtureTotal;
            for (int j = 0; j < n; j++) {
                pdf[j] += w * (base + (i == j ? 1 : 0)) / rowSum;
            }
        }
        double priorShare = priorWeight / mixtureTotal;
        for (int j = 0; j < n; j++) {
            pdf[j] += priorShare / n;
        }
        return pdf;
    }

    /**
     * Adds {@code weight} times a normal kernel (mean {@code mu}, deviation {@code sigma}) discretized
     * on cells {@code 0..n-1} (cell {@code x} holds the mass of {@code [x-0.5, x+0.5]}) and truncated
     * to {@code [-0.5, n-0.5]}.
     */
    private static void addKernel(double[] pdf, double mu, double sigma, double weight) {
        int n = pdf.length;
        double norm = Normal.mass((-0.5 - mu) / sigma, (n - 0.5 - mu) / sigma);
        if (norm <= 0) {
            return;
        }
        for (int x = 0; x < n; x++) {
            pdf[x] += weight * Normal.mass((x - 0.5 - mu) / sigma, (x + 0.5 - mu) / sigma) / norm;
        }
    }
}
