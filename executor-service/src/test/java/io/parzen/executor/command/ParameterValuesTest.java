package io.parzen.executor.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParameterValuesTest {

    @Test
    void integersAndWholeDoublesHaveNoFraction() {
        assertThat(ParameterValues.format(3)).isEqualTo("3");
        assertThat(ParameterValues.format(-12L)).isEqualTo("-12");
        assertThat(ParameterValues.format(new BigInteger("123456789012345678901234"))).isEqualTo(
                "123456789012345678901234");
        assertThat(ParameterValues.format(3.0)).isEqualTo("3");
        assertThat(ParameterValues.format(-0.0)).isEqualTo("0");
        assertThat(ParameterValues.format(new BigDecimal("5.000"))).isEqualTo("5");
    }

    @Test
    void doublesAreShortestRoundTrip() {
        assertThat(ParameterValues.format(0.1)).isEqualTo("0.1");
        assertThat(ParameterValues.format(0.001)).isEqualTo("0.001");
        assertThat(ParameterValues.format(1e-4)).isEqualTo("0.0001");
        assertThat(ParameterValues.format(2.5e-7)).isEqualTo("0.00000025");
        assertThat(ParameterValues.format(1.5e-10)).isEqualTo("1.5e-10");
        assertThat(ParameterValues.format(1e-10)).isEqualTo("1e-10");
        assertThat(ParameterValues.format(0.30000000000000004)).isEqualTo("0.30000000000000004");
        assertThat(ParameterValues.format(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(ParameterValues.format(2e22)).isEqualTo("2e22");
        assertThat(ParameterValues.format(-3.25)).isEqualTo("-3.25");
        assertThat(ParameterValues.format(1.1f)).isEqualTo("1.1");
        assertThat(ParameterValues.format(Double.NaN)).isEqualTo("nan");
        assertThat(ParameterValues.format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void everyFormattedDoubleReadsBackExactly() {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            double d = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong())
                    : Math.pow(10, -8 * random.nextDouble()) * random.nextDouble();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String s = ParameterValues.formatDouble(d);
            if (Double.parseDouble(s) != d || s.contains("E")) {
                throw new AssertionError(s + " does not read back as " + d);
            }
        }
    }

    @Test
    void otherTypes() {
        assertThat(ParameterValues.format(true)).isEqualTo("true");
        assertThat(ParameterValues.format(false)).isEqualTo("false");
        assertThat(ParameterValues.format("a b $x")).isEqualTo("a b $x");
        assertThat(ParameterValues.format(List.of(1, 2.5, "x"))).isEqualTo("1,2.5,x");
        assertThat(ParameterValues.format(Map.of("k", 1))).isEqualTo("{\"k\":1}");
        assertThat(ParameterValues.format(null)).isEmpty();
    }
}
