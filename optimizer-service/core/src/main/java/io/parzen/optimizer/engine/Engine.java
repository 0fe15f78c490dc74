package io.parzen.optimizer.engine;

import io.parzen.optimizer.study.Study;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An optimization engine: given the study so far, propose up to {@code n} new points.
 *
 * <p>Contract:
 * <ul>
 *   <li>Pending trials are points whose results are not known; an engine must not propose them again
 *       and should diversify away from them.</li>
 *   <li>Reproducible: the same study, n and random state give the same proposals.</li>
 *   <li>On a finite space, no point already issued (pending, complete or failed) is proposed again;
 *       when fewer than {@code n} unissued points remain, the result is shorter than {@code n} —
 *       an empty list means the space is exhausted.</li>
 *   <li>Failed trials are never given a made-up loss.</li>
 * </ul>
 */
public interface Engine {

    /** The engine's name as users select it, e.g. {@code optuna}. */
    String name();

    List<Proposal> propose(Study study, int n, RandomGenerator random);
}
