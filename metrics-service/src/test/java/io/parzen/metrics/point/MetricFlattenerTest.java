package io.parzen.metrics.point;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parzen.metrics.point.MetricFlattener.FlatValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricFlattenerTest {

    private final MetricFlattener flattener = new MetricFlattener(new ObjectMapper(), true, 10);

    @Test
    void numbersNestedObjectsTextAndNonFinite() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("epoch", 3);
        values.put("loss", 0.41);
        values.put("big", 12345678901L);
        values.put("a", Map.of("b", Map.of("c", 1.5)));
        values.put("phase", "train");
        values.put("done", true);
        values.put("diverged", "NaN");
        values.put("up", "Infinity");
        values.put("cm", List.of(1, 2));
        values.put("nothing", null);
        values.put("", 1);
        values.put("long", "abcdefghijklmnop");

        Map<String, FlatValue> flat = flattener.flatten(values);

        assertThat(flat.keySet()).containsExactly("epoch", "loss", "big", "a.b.c", "phase", "done", "diverged", "up",
                "cm", "long");
        assertThat(flat.get("epoch")).isEqualTo(new FlatValue(3.0, null));
        assertThat(flat.get("big").number()).isEqualTo(12345678901.0);
        assertThat(flat.get("a.b.c").number()).isEqualTo(1.5);
        assertThat(flat.get("phase")).isEqualTo(new FlatValue(null, "train"));
        assertThat(flat.get("done").text()).isEqualTo("true");
        assertThat(flat.get("diverged").number()).isNaN();
        assertThat(flat.get("up").number()).isInfinite();
        assertThat(flat.get("cm").text()).isEqualTo("[1,2]");
        assertThat(flat.get("long").text()).isEqualTo("abcdefghij");
    }

    @Test
    void laterDuplicateKeyWins() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("a.b", 1);
        values.put("a", Map.of("b", 2));
        assertThat(flattener.flatten(values)).containsExactly(Map.entry("a.b", new FlatValue(2.0, null)));
    }

    @Test
    void textCanBeSkipped() {
        MetricFlattener numbersOnly = new MetricFlattener(new ObjectMapper(), false, 100);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("phase", "train");
        values.put("ok", false);
        values.put("cm", List.of(1));
        values.put("loss", "NaN");
        assertThat(numbersOnly.flatten(values).keySet()).containsExactly("loss");
    }
}
