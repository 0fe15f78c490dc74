package io.parzen.optimizer.warmstart;

import io.parzen.optimizer.space.Categorical;
import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.LogUniform;
import io.parzen.optimizer.space.Parameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.SpaceException;
import io.parzen.optimizer.space.Uniform;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import io.parzen.optimizer.study.TrialState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Warm start (docs/decisions/0034): observations of earlier studies mapped into a new study's space and
 * handed to its engine as prior results.
 *
 * <p>An observation is kept only when it covers the new space: for every parameter of the new space the
 * earlier space has a parameter of the same name and the same kind (uniform, log-uniform, integer,
 * categorical), and the observed value is a value of the new parameter — inside the new range, on the new
 * grid for integers and Q.Steps (an off-grid value is dropped, not rounded), among the new choices for a
 * categorical. Anything else drops the whole observation (as Optuna does for a trial whose distributions
 * do not match: an engine's model needs every dimension). Parameters of the earlier space that the new
 * space lacks are left out of the point.
 *
 * <p>Prior observations are put before the study's own trials as complete trials (with seq numbers below
 * 1, never the seq of a real trial). The model-based engines count issued trials against their random
 * start-up, so the start-up shrinks by the number of prior observations:
 * {@code randomStartup' = max(0, randomStartup - priors)}; prior observations never count toward a task's
 * executions (the service counts its own trials).
 */
public final class WarmStart {

    /** Relative tolerance for "on the grid" and "inside the range" (JSON round trips of doubles). */
    private static final double EPS = 1e-9;

    private WarmStart() {
    }

    /** Observations of one source mapped into a new space: those kept (points in the new space) and how many were dropped. */
    public record Mapped(List<PriorObservation> kept, int dropped) {

        public Mapped {
            kept = List.copyOf(kept);
        }
    }

    /** Maps every observation of an earlier space {@code from} into {@code to}; see the class comment. */
    public static Mapped map(SearchSpace from, List<PriorObservation> observations, SearchSpace to) {
        List<PriorObservation> kept = new ArrayList<>();
        int dropped = 0;
        for (PriorObservation o : observations) {
            Optional<Map<String, Object>> point = Double.isFinite(o.loss()) ? mapPoint(from, o.point(), to)
                    : Optional.empty();
            if (point.isPresent()) {
                kept.add(new PriorObservation(o.source(), point.get(), o.loss()));
            } else {
                dropped++;
            }
        }
        return new Mapped(kept, dropped);
    }

    /** The point in the new space, or empty when it does not cover the new space (see the class comment). */
    public static Optional<Map<String, Object>> mapPoint(SearchSpace from, Map<String, Object> point, SearchSpace to) {
        Map<String, Parameter> old = new LinkedHashMap<>();
        for (Parameter p : from.parameters()) {
            old.put(p.name(), p);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Parameter p : to.parameters()) {
            Parameter before = old.get(p.name());
            Object value = point.get(p.name());
            if (before == null || value == null || before.getClass() != p.getClass()) {
                return Optional.empty();
            }
            Optional<Object> mapped = valueIn(p, value);
            if (mapped.isEmpty()) {
                return Optional.empty();
            }
            out.put(p.name(), mapped.get());
        }
        return Optional.of(out);
    }

    /** The value as a value of {@code p}, or empty when it is not one (outside, off the grid, not a choice). */
    static Optional<Object> valueIn(Parameter p, Object value) {
        if (p instanceof Categorical c) {
            int i = c.indexOf(value);
            return i < 0 ? Optional.empty() : Optional.of(c.values().get(i));
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            return Optional.empty();
        }
        double v = n.doubleValue();
        Object normalized;
        try {
            normalized = p.normalize(inside(p, v));
        } catch (SpaceException e) {
            return Optional.empty();
        }
        double back = ((Number) normalized).doubleValue();
        if (Math.abs(back - v) > EPS * Math.max(1.0, Math.abs(v))) {
            return Optional.empty(); // not on the new grid (integer step, Q.Step): dropped, never rounded
        }
        return Optional.of(normalized);
    }

    /** A value within rounding noise of a bound, put on the bound; others unchanged (normalize rejects outside values). */
    private static double inside(Parameter p, double v) {
        double lo;
        double hi;
        if (p instanceof Uniform u) {
            lo = u.min();
            hi = u.max();
        } else if (p instanceof LogUniform l) {
            lo = l.low();
            hi = l.high();
        } else if (p instanceof IntegerParameter i) {
            lo = i.min();
            hi = i.max();
        } else {
            return v;
        }
        double tol = EPS * Math.max(1.0, Math.max(Math.abs(lo), Math.abs(hi)));
        if (v < lo && v >= lo - tol) {
            return lo;
        }
        if (v > hi && v <= hi + tol) {
            return hi;
        }
        return v;
    }

    /**
     * The study as the engine sees it with prior observations: the priors first, as complete trials with
     * seq {@code 1 - priors.size()} .. 0, then the study's own trials unchanged.
     */
    public static Study withPriors(Study study, List<PriorObservation> priors) {
        if (priors.isEmpty()) {
            return study;
        }
        List<Trial> trials = new ArrayList<>(priors.size() + study.trials().size());
        int seq = 1 - priors.size();
        for (PriorObservation o : priors) {
            trials.add(new Trial(seq++, o.point(), TrialState.COMPLETE, o.loss()));
        }
        trials.addAll(study.trials());
        return new Study(study.space(), trials);
    }

    /** The random start-up left once {@code priors} observations are known: {@code max(0, randomStartup - priors)}. */
    public static int startupLeft(int randomStartup, int priors) {
        return Math.max(0, randomStartup - priors);
    }
}
