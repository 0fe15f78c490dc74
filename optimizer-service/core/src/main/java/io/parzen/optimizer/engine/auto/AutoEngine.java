package io.parzen.optimizer.engine.auto;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.engine.gp.GpEngine;
import io.parzen.optimizer.engine.tpe.OptunaTpeEngine;
import io.parzen.optimizer.study.Study;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code auto}: the GP engine while its model predicts the observations well, Optuna-style TPE for the
 * share of each batch that the GP's model quality does not justify.
 *
 * <p>Per call (stateless, so reproducible and restart-safe):
 * <ol>
 *   <li>During the random startup the GP engine's random points are used.</li>
 *   <li>The GP is fitted once; its quality q is the Spearman rank correlation between the
 *       closed-form leave-one-out predictions and the observed (warped) losses. This is a held-out
 *       check of whether the surrogate ranks configurations correctly — the thing EI relies on.
 *       A GP on a discontinuous, very noisy or heavily categorical objective ranks poorly and TPE,
 *       which only needs a good/bad density split, is the safer choice there.</li>
 *   <li>The TPE share of the batch is {@code round(n·(1 − w))} with
 *       {@code w = clamp((q − }{@value #NO_TRUST}{@code ) / (}{@value #FULL_TRUST}{@code  − }{@value #NO_TRUST}{@code ), 0, 1)}:
 *       all GP at q ≥ {@value #FULL_TRUST}, all TPE at q ≤ {@value #NO_TRUST}, a proportional split between
 *       (a batch split as in the NeurIPS 2020 BBO challenge's 2nd place; both engines see every result).</li>
 *   <li>TPE proposes its share first; those points are handed to the GP session as pending (kriging
 *       believer fantasies, never re-proposed), and the GP fills the rest of the batch — so the batch is
 *       diverse and duplicate-free across the two engines.</li>
 * </ol>
 * The choice depends only on the space and the observations, never on a problem's name.
 */
public final class AutoEngine implements Engine {

    /** Model quality (LOO Spearman) at and above which the whole batch is the GP's. */
    static final double FULL_TRUST = 0.4;
    /** Model quality at and below which the whole batch is TPE's. */
    static final double NO_TRUST = 0.0;

    private final int randomStartup;
    private final GpEngine gp;
    private final Engine tpe;

    public AutoEngine(int randomStartup) {
        this(randomStartup, new GpEngine(randomStartup), new OptunaTpeEngine(randomStartup));
    }

    AutoEngine(int randomStartup, GpEngine gp, Engine tpe) {
        this.randomStartup = randomStartup;
        this.gp = gp;
        this.tpe = tpe;
    }

    @Override
    public String name() {
        return "auto";
    }

    @Override
    public List<Proposal> propose(Study study, int n, RandomGenerator random) {
        GpEngine.Session session = gp.open(study, random);
        if (study.issued() < randomStartup || n <= 0) {
            return session.propose(n);
        }
        double q = session.modelQuality();
        int tpeSlots = tpeSlots(q, n);
        List<Proposal> out = new ArrayList<>(n);
        if (tpeSlots > 0) {
            for (Proposal p : tpe.propose(study, tpeSlots, random)) {
                session.addPending(p.point());
                out.add(p);
            }
        }
        out.addAll(session.propose(n - out.size()));
        return out;
    }

    /** Number of batch slots given to TPE for GP model quality q (NaN: no model yet, all GP/random). */
    static int tpeSlots(double quality, int n) {
        if (Double.isNaN(quality)) {
            return 0;
        }
        double w = Math.max(0, Math.min(1, (quality - NO_TRUST) / (FULL_TRUST - NO_TRUST)));
        return (int) Math.round(n * (1 - w));
    }
}
