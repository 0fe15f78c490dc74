package io.parzen.optimizer.warmstart;

import java.util.Map;

/**
 * A result of an earlier study given to a new study's engine as prior knowledge (warm start): a point in
 * the earlier study's space and its loss to MINIMIZE (the same target metric and direction as the new study).
 *
 * @param source the id of the earlier task, for the account of where observations came from
 */
public record PriorObservation(String source, Map<String, Object> point, double loss) {

    public PriorObservation {
        point = Map.copyOf(point);
    }
}
