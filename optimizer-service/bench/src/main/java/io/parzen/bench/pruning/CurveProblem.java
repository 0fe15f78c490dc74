package io.parzen.bench.pruning;

import io.parzen.optimizer.pruning.Direction;
import io.parzen.optimizer.space.SearchSpace;
import java.util.Map;

/** A problem whose evaluation is a learning curve: one value per step 1..steps(). */
public interface CurveProblem {

    String name();

    SearchSpace space();

    Direction direction();

    int steps();

    /** The whole curve of a configuration (index i = step i + 1); NaN for a step without a number. */
    double[] curve(Map<String, Object> point, long seed) throws Exception;
}
