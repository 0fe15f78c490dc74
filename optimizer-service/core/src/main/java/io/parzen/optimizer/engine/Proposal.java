package io.parzen.optimizer.engine;

import java.util.Map;

/** A proposed point (normalized user values by parameter name, in space order) and why it was chosen. */
public record Proposal(Map<String, Object> point, Source source) {
}
