package io.parzen.bench.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Java ports give the reference values of {@code shared/bench/test_vectors.json}. */
class FunctionsTest {

    private static final Path BENCH = Path.of("../../../shared/bench");

    @Test
    void portsMatchTheTestVectors() throws Exception {
        JsonNode vectors = new ObjectMapper().readTree(BENCH.resolve("test_vectors.json").toFile());
        int checked = 0;
        for (JsonNode v : vectors) {
            Map<String, Object> point = new LinkedHashMap<>();
            v.get("params").fields().forEachRemaining(e -> point.put(e.getKey(),
                    e.getValue().isNumber() ? (Object) e.getValue().doubleValue() : e.getValue().asText()));
            double expected = v.get("expected").asDouble();
            double actual = Functions.evaluate(v.get("problem").asText(), point);
            double tol = 1e-12 * Math.max(1.0, Math.abs(expected));
            assertEquals(expected, actual, tol, v.toString());
            checked++;
        }
        assertTrue(checked >= 20, "expected a real set of vectors, got " + checked);
    }

    @Test
    void problemsFileLoadsWithTheSpacesOfTheProtocol() throws Exception {
        List<Problem> problems = Problems.load(BENCH.resolve("problems.json"));
        assertEquals(List.of("branin", "hartmann6", "ackley5", "rosenbrock4", "mlp_surrogate"),
                problems.stream().map(Problem::name).toList());
        Problem mlp = problems.get(4);
        assertEquals(5, mlp.space().size());
        assertEquals(8L, mlp.space().parameters().get(1).cardinality(), "batch_size 16..128 step 16");
        assertEquals(List.of(new Problem.Protocol("P1", 50, 5, 20), new Problem.Protocol("P2", 100, 10, 20)),
                mlp.protocols());
    }
}
