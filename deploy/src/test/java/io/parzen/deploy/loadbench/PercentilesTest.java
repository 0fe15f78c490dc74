package io.parzen.deploy.loadbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfOneToHundredIsTheRankItself() {
        List<Long> values = new ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            values.add(i);
        }
        Collections.shuffle(values, new java.util.Random(7));
        Percentiles p = new Percentiles(values);
        assertThat(p.percentile(50)).isEqualTo(50);
        assertThat(p.percentile(90)).isEqualTo(90);
        assertThat(p.percentile(99)).isEqualTo(99);
        assertThat(p.percentile(100)).isEqualTo(100);
        assertThat(p.max()).isEqualTo(100);
    }

    @Test
    void aSmallSampleGivesMeasuredValuesWithoutInterpolation() {
        Percentiles p = new Percentiles(30, 10, 20, 40);
        assertThat(p.percentile(50)).isEqualTo(20); // ceil(0.5 * 4) = 2nd value
        assertThat(p.percentile(90)).isEqualTo(40); // ceil(3.6) = 4th
        assertThat(p.percentile(1)).isEqualTo(10);
        assertThat(new Percentiles(5).percentile(99)).isEqualTo(5);
    }

    @Test
    void jsonHasTheFiguresAndOnlyTheCountWhenEmpty() {
        ObjectNode n = new Percentiles(1, 2, 3).toJson();
        assertThat(n.path("count").asInt()).isEqualTo(3);
        assertThat(n.path("p50").asLong()).isEqualTo(2);
        assertThat(n.path("max").asLong()).isEqualTo(3);
        assertThat(n.path("mean").asDouble()).isEqualTo(2.0);
        ObjectNode empty = new Percentiles(List.of()).toJson();
        assertThat(empty.path("count").asInt()).isZero();
        assertThat(empty.has("p50")).isFalse();
    }

    @Test
    void refusesPercentilesOutsideTheRangeAndEmptySamples() {
        assertThatThrownBy(() -> new Percentiles(1).percentile(0)).hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> new Percentiles(1).percentile(101)).hasMessageContaining("<= 100");
        assertThatThrownBy(() -> new Percentiles().percentile(50)).isInstanceOf(IllegalStateException.class);
    }
}
