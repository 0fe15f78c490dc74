package io.parzen.task.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "3600, 3600", "3600s, 3600", "90m, 5400", "1h30m, 5400", "1h 30m 5s, 5405", "1h 30m, 5400",
            "1.5h, 5400", "2 hours, 7200", "1d, 86400", "1w, 604800", "10 min, 600", "45 seconds, 45",
            "1H 2M 3S, 3723", "0.5s, 1", "'1h, 30m', 5400"})
    void parses(String text, long seconds) {
        assertThat(Durations.parseSeconds(text)).isEqualTo(seconds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "soon", "1x", "h", "1h 30", "-5s", "1h and 30m"})
    void rejects(String text) {
        assertThatThrownBy(() -> Durations.parseSeconds(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
