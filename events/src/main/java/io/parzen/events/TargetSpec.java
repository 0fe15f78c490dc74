package io.parzen.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The optimization target: a metadata key and either a target value (Valohai's semantics: the
 * optimizer minimizes {@code |latest(metric) - value|}) or an explicit direction.
 *
 * @param metric the metadata key the training code prints, e.g. {@code val_accuracy}
 * @param value target value, or null when {@code direction} is given
 * @param direction a {@link io.parzen.events.vocabulary.Direction}: {@code maximize} or {@code minimize}, or null
 *                  when {@code value} is given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetSpec(String metric, Double value, String direction) {
}
