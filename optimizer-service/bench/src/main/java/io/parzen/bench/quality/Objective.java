package io.parzen.bench.quality;

import java.util.Map;

/** Evaluates one point of a problem; a failure is a bug in the optimizer or the setup, not a bad trial. */
@FunctionalInterface
public interface Objective {

    double evaluate(String problem, String metric, Map<String, Object> point) throws Exception;
}
