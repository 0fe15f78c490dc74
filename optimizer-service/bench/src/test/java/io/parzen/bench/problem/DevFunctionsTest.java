package io.parzen.bench.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The development problems reach their known minima at their known locations, and the file lists them. */
class DevFunctionsTest {

    private static Map<String, Object> point(int d, double v) {
        Map<String, Object> p = new HashMap<>();
        for (int i = 1; i <= d; i++) {
            p.put("x" + i, v);
        }
        return p;
    }

    @Test
    void minimaAtTheirLocations() {
        assertEquals(0, Functions.evaluate("dev_ackley3", point(3, 0)), 1e-12);
        assertEquals(0, Functions.evaluate("dev_ackley8", point(8, 0)), 1e-12);
        assertEquals(0, Functions.evaluate("dev_levy6", point(6, 1)), 1e-12);
        assertEquals(-39.16616570377142, Functions.evaluate("dev_styblinski5", point(5, -2.903534027771178)), 1e-9);
        assertEquals(0, Functions.evaluate("dev_griewank6", point(6, 0)), 1e-12);
        assertEquals(0, Functions.evaluate("dev_schwefel4", point(4, 420.9687)), 1e-3);
        assertEquals(0, Functions.evaluate("dev_rastrigin4", point(4, 0)), 1e-12);
        // away from the minimum the value is larger
        assertTrue(Functions.evaluate("dev_levy6", point(6, 3)) > 1);
        assertTrue(Functions.evaluate("dev_ackley3", point(3, 10)) > 10);
    }

    @Test
    void namesAndParameters() {
        assertTrue(Functions.has("dev_levy6"));
        assertFalse(Functions.has("dev_levy"));
        assertFalse(Functions.has("levy6"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Functions.evaluate("dev_levy6", point(5, 1)));
        assertTrue(e.getMessage().contains("x6"), e.getMessage());
    }

    @Test
    void problemsFileHasAPortForEachProblem() throws Exception {
        List<Problem> problems = Problems.load(Path.of("../../docs/benchmarks/dev-problems.json"));
        assertEquals(7, problems.size());
        for (Problem p : problems) {
            assertTrue(Functions.has(p.name()), p.name());
        }
    }
}
