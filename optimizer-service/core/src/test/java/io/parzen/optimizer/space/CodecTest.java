package io.parzen.optimizer.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecTest {

    static final SearchSpace SPACE = SearchSpace.of(
            new Uniform("u", -2, 3, null),
            new Uniform("uq", 0, 0.5, 0.05),
            new LogUniform("lr", -5, -1, null),
            new LogUniform("lq", -3, 0, 0.01),
            new IntegerParameter("bs", 16, 128, 16),
            new Categorical("act", List.of("relu", "tanh", "sigmoid")));

    @Test
    void roundTrip() {
        Codec c = new Codec(SPACE);
        Map<String, Object> p = Map.of("u", 0.25, "uq", 0.35, "lr", 1e-3, "lq", 0.51, "bs", 64L, "act", "tanh");
        double[] codes = c.encode(p);
        assertThat(codes[0]).isEqualTo(0.25);
        assertThat(codes[1]).isEqualTo(7);
        assertThat(codes[2]).isCloseTo(Math.log(1e-3), within(1e-12));
        assertThat(codes[3]).isEqualTo(51); // 0.001 + 51 * 0.01 = 0.511 is the nearest grid point to 0.51
        assertThat(codes[4]).isEqualTo(3);
        assertThat(codes[5]).isEqualTo(1);
        Map<String, Object> back = c.decode(codes);
        assertThat(back.get("u")).isEqualTo(0.25);
        assertThat((Double) back.get("uq")).isCloseTo(0.35, within(1e-12));
        assertThat((Double) back.get("lr")).isCloseTo(1e-3, within(1e-15));
        assertThat((Double) back.get("lq")).isCloseTo(0.511, within(1e-12));
        assertThat(back.get("bs")).isEqualTo(64L);
        assertThat(back.get("act")).isEqualTo("tanh");
        assertThat(SPACE.normalize(back)).isEqualTo(back);
        assertThat(c.key(codes)).isEqualTo(c.key(SPACE.normalize(p)));
    }

    @Test
    void foreignOrMissingValuesAreNaN() {
        Codec c = new Codec(SPACE);
        double[] codes = c.encode(Map.of("u", 0.25, "act", "gelu"));
        assertThat(Codec.hasMissing(codes)).isTrue();
        assertThat(codes[5]).isNaN();
        assertThat(codes[1]).isNaN();
    }

    @Test
    void discreteCells() {
        Codec c = new Codec(SPACE);
        // integer with step 16: cell of 16 is [8, 24] (Optuna widens by step/2)
        assertThat(c.cellLow(4, 0)).isEqualTo(8.0);
        assertThat(c.cellHigh(4, 0)).isEqualTo(24.0);
        assertThat(c.cellHigh(4, 7)).isEqualTo(136.0);
        // quantized log: cells in log space, consecutive cells share their edge, the first stays above 0
        assertThat(c.cellHigh(3, 4)).isCloseTo(c.cellLow(3, 5), within(1e-12));
        assertThat(c.cellLow(3, 0)).isCloseTo(Math.log(0.0005), within(1e-12));
        assertThat(c.count(3)).isEqualTo(100);
        assertThat(c.nearestIndex(3, Math.log(0.0301))).isEqualTo(3);
    }
}
