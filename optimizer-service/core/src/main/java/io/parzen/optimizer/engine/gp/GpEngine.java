package io.parzen.optimizer.engine.gp;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.engine.Source;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Gaussian-process Bayesian optimization ({@code gp}): composes the units of this package the way
 * Optuna's {@code GPSampler} composes {@code _gp}.
 *
 * <ul>
 *   <li>The first {@code randomStartup} issued trials (and any trial while fewer than
 *       {@value GpModel#MIN_RESULTS} results exist) are uniform random ({@link Source#RANDOM}).</li>
 *   <li>Model ({@link GpModel}, on {@link Matern52Gp} and {@link SpaceEncoding}): ARD Matérn-5/2 with
 *       MAP hyperparameters on the warped losses of the COMPLETE trials, output warp and noise model
 *       chosen per study.</li>
 *   <li>Acquisition ({@link LogEi}): stable log expected improvement, integrated over posterior samples of
 *       the hyperparameters while the study has at most {@value GpModel#MAX_SAMPLED_RESULTS} results (Spearmint's
 *       integrated acquisition, {@link HyperparameterSamples}), at the MAP above; with constraints (ADR 0033) Optuna's
 *       {@code ConstrainedLogEI}: below the best feasible result, plus ln P(c ≤ 0) of one GP per constraint
 *       ({@link ConstraintModels}); only the latter while no result is feasible.</li>
 *   <li>Optimization of the acquisition ({@link AcquisitionSearch}): Sobol and local candidates, then a
 *       stochastic pattern search over valid points; small finite spaces are enumerated.</li>
 *   <li>Batches: sequential kriging believer. Pending trials of the study and the points already chosen
 *       in this batch are added to the model with their posterior mean as a noise-free fantasy
 *       observation (hyperparameters kept) that may also become the incumbent, which removes their EI
 *       and pushes the next point away; candidates closer than {@value LogEi#MIN_PENDING_DIST} length
 *       scales to a fantasy are excluded.</li>
 *   <li>No issued point (pending, complete or failed) is proposed again on a finite space
 *       ({@link TakenPoints}); fewer points are returned when the space is exhausted.</li>
 * </ul>
 * Stateless (no warm start between calls): the same study, n and random state give the same proposals.
 * Measurements behind the choices: {@code docs/benchmarks/gp-design.md}.
 */
public final class GpEngine implements Engine {

    private final int randomStartup;
    private final OutputWarp warp;

    public GpEngine(int randomStartup) {
        this(randomStartup, OutputWarp.AUTO);
    }

    GpEngine(int randomStartup, OutputWarp warp) {
        if (randomStartup < 0) {
            throw new IllegalArgumentException("randomStartup must be >= 0");
        }
        this.randomStartup = randomStartup;
        this.warp = warp;
    }

    @Override
    public String name() {
        return "gp";
    }

    @Override
    public List<Proposal> propose(Study study, int n, RandomGenerator random) {
        return open(study, random).propose(n);
    }

    /**
     * Opens a proposal session on a study: the model is fitted at most once, lazily, and then shared by
     * {@link Session#modelQuality()}, {@link Session#addPending} and {@link Session#propose}.
     */
    public Session open(Study study, RandomGenerator random) {
        return new Session(study, random);
    }

    /** One call's worth of state: the study, the fitted model with its fantasies, the taken points. */
    public final class Session {
        private final Study study;
        private final RandomGenerator random;
        private final SpaceEncoding enc;
        private final TakenPoints taken;
        private final List<double[]> extraPending = new ArrayList<>();
        private final long usable;
        private int issued;
        private GpModel model;
        private ConstraintModels constraintModels;
        private boolean built;

        private Session(Study study, RandomGenerator random) {
            this.study = study;
            this.random = random;
            this.enc = new SpaceEncoding(study.space());
            this.taken = new TakenPoints(enc);
            for (Trial t : study.trials()) {
                taken.add(enc.encode(t.point()));
            }
            this.issued = study.issued();
            this.usable = study.completed().stream()
                    .filter(t -> t.loss() != null && Double.isFinite(t.loss())).count();
        }

        private GpModel model() {
            if (!built) {
                built = true;
                model = GpModel.fit(study, enc, warp, random);
                constraintModels = model == null ? null : ConstraintModels.fit(study, enc);
                if (model != null) {
                    for (double[] u : extraPending) {
                        model.addFantasy(u);
                    }
                }
            }
            return model;
        }

        /**
         * Leave-one-out Spearman rank correlation between the GP's predictions and the (warped) observed
         * losses, in [-1, 1]; NaN when there is no model yet (fewer than 2 results).
         */
        public double modelQuality() {
            if (usable < GpModel.MIN_RESULTS) {
                return Double.NaN;
            }
            GpModel m = model();
            return m == null ? Double.NaN : m.looQuality();
        }

        /** Registers points proposed by someone else in this round: never re-proposed, fantasized. */
        public void addPending(Map<String, Object> point) {
            double[] u = enc.encode(point);
            taken.add(u);
            issued++;
            fantasize(u);
        }

        /** Up to n new points (fewer when a finite space is exhausted). */
        public List<Proposal> propose(int n) {
            int count = n;
            if (study.space().isFinite()) {
                long left = study.space().cardinality() - taken.size();
                count = (int) Math.max(0, Math.min(n, left));
            }
            List<Proposal> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                double[] u = null;
                Source source = Source.RANDOM;
                if (issued >= randomStartup && usable >= GpModel.MIN_RESULTS && model() != null) {
                    u = new AcquisitionSearch(model, new LogEi(model, taken, constraintModels), taken, random).maximize();
                    if (u != null) {
                        model.addFantasy(u);
                    }
                    source = Source.MODEL;
                }
                if (u == null) {
                    u = taken.randomFree(random);
                    source = Source.RANDOM;
                    if (u == null) {
                        break;
                    }
                    fantasize(u);
                }
                taken.add(u);
                issued++;
                out.add(new Proposal(enc.decode(u), source));
            }
            return out;
        }

        /** A point of this round becomes a fantasy of the model, now or when the model is fitted. */
        private void fantasize(double[] u) {
            if (built && model != null) {
                model.addFantasy(u);
            } else {
                extraPending.add(u);
            }
        }
    }
}
