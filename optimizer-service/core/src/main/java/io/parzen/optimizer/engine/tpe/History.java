package io.parzen.optimizer.engine.tpe;

import io.parzen.optimizer.space.Codec;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import io.parzen.optimizer.study.TrialState;
import java.util.ArrayList;
import java.util.List;

/**
 * A study's trials encoded once per propose call: codes in flat column arrays ({@code [d][trial]}),
 * with room for the points proposed earlier in the same batch (appended as pending).
 */
final class History {

    final Codec codec;
    final int dims;
    /** Codes by dimension then row; rows are trials in issue order, then batch proposals. */
    double[][] codes;
    /** COMPLETE rows with a usable loss, in issue order. */
    final int[] complete;
    final double[] completeLoss;
    /** Per {@link #complete} row, {@link Trial#violation()}: 0 when feasible or without constraints (ADR 0033). */
    final double[] completeViolation;
    /** PRUNED rows in issue order, with their last step (null = nothing reported) and last loss (NaN = not a number). */
    final int[] pruned;
    final Long[] prunedStep;
    final double[] prunedLoss;
    /** Per {@link #pruned} row, {@link Trial#violation()} (0 for the pruned trials the service sends: no values). */
    final double[] prunedViolation;
    /** PENDING rows in issue order (batch proposals are appended by {@link #addPending}). */
    int[] pending;
    int pendingCount;
    int rows;

    History(Codec codec, Study study, int extra) {
        this(codec, study, io.parzen.optimizer.engine.support.Issued.encodeAll(codec, study), extra);
    }

    History(Codec codec, Study study, List<double[]> trialCodes, int extra) {
        this.codec = codec;
        this.dims = codec.dims();
        List<Trial> trials = study.trials();
        int cap = trials.size() + Math.max(0, extra);
        codes = new double[dims][cap];
        int[] comp = new int[trials.size()];
        double[] loss = new double[trials.size()];
        double[] viol = new double[trials.size()];
        double[] pViol = new double[trials.size()];
        int nComp = 0;
        int[] prun = new int[trials.size()];
        Long[] pStep = new Long[trials.size()];
        double[] pLoss = new double[trials.size()];
        int nPruned = 0;
        pending = new int[cap];
        for (int ti = 0; ti < trials.size(); ti++) {
            Trial t = trials.get(ti);
            if (t.state() == TrialState.FAILED) {
                continue; // invisible to TPE (Optuna), never given a made-up loss
            }
            double[] c = trialCodes.get(ti);
            if (Codec.hasMissing(c)) {
                continue; // a trial lacking a parameter of the space is skipped, as Optuna does
            }
            if (t.state() == TrialState.COMPLETE) {
                if (t.loss() == null || Double.isNaN(t.loss())) {
                    continue; // NaN makes an Optuna trial FAIL
                }
                comp[nComp] = rows;
                viol[nComp] = t.violation();
                loss[nComp++] = t.loss();
            } else if (t.state() == TrialState.PRUNED) {
                prun[nPruned] = rows;
                pViol[nPruned] = t.violation();
                pStep[nPruned] = t.lastStep();
                pLoss[nPruned++] = t.loss() == null ? Double.NaN : t.loss();
            } else {
                pending[pendingCount++] = rows;
            }
            for (int d = 0; d < dims; d++) {
                codes[d][rows] = c[d];
            }
            rows++;
        }
        complete = java.util.Arrays.copyOf(comp, nComp);
        completeLoss = java.util.Arrays.copyOf(loss, nComp);
        completeViolation = java.util.Arrays.copyOf(viol, nComp);
        prunedViolation = java.util.Arrays.copyOf(pViol, nPruned);
        pruned = java.util.Arrays.copyOf(prun, nPruned);
        prunedStep = java.util.Arrays.copyOf(pStep, nPruned);
        prunedLoss = java.util.Arrays.copyOf(pLoss, nPruned);
    }

    /**
     * Indices into {@link #pruned} in Optuna's order ({@code _get_pruned_trial_score}): the furthest last
     * step first, then the lower last loss (NaN last), trials that reported nothing at the end; stable.
     */
    Integer[] prunedByScore() {
        Integer[] idx = new Integer[pruned.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> {
            // score (−step, loss); nothing reported = (1, 0.0)
            double sa = prunedStep[a] == null ? 1 : -(double) prunedStep[a];
            double sb = prunedStep[b] == null ? 1 : -(double) prunedStep[b];
            if (sa != sb) {
                return Double.compare(sa, sb);
            }
            double la = prunedStep[a] == null ? 0.0 : Double.isNaN(prunedLoss[a]) ? Double.POSITIVE_INFINITY : prunedLoss[a];
            double lb = prunedStep[b] == null ? 0.0 : Double.isNaN(prunedLoss[b]) ? Double.POSITIVE_INFINITY : prunedLoss[b];
            return Double.compare(la, lb);
        });
        return idx;
    }

    /** Appends a proposal of the current batch as a pending row. */
    void addPending(double[] c) {
        if (rows == codes[0].length) {
            for (int d = 0; d < dims; d++) {
                codes[d] = java.util.Arrays.copyOf(codes[d], rows * 2 + 1);
            }
            pending = java.util.Arrays.copyOf(pending, rows * 2 + 1);
        }
        for (int d = 0; d < dims; d++) {
            codes[d][rows] = c[d];
        }
        pending[pendingCount++] = rows;
        rows++;
    }

    /** Columns [d][i] of the given rows. */
    double[][] columns(int[] rowsSel, int n) {
        double[][] out = new double[dims][n];
        for (int d = 0; d < dims; d++) {
            double[] src = codes[d];
            double[] dst = out[d];
            for (int i = 0; i < n; i++) {
                dst[i] = src[rowsSel[i]];
            }
        }
        return out;
    }

    /** Indices into {@link #complete} sorted by loss, stable (ties go to the earlier trial). */
    int[] completeByLoss() {
        return io.parzen.optimizer.engine.tpe.MultivariateParzen.sortOrder(completeLoss, completeLoss.length);
    }

    double[] point(int row) {
        double[] c = new double[dims];
        for (int d = 0; d < dims; d++) {
            c[d] = codes[d][row];
        }
        return c;
    }
}
