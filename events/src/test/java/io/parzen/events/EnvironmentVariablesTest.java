package io.parzen.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentVariablesTest {

    @Test
    void validNamesAndValuesPass() {
        assertEquals(List.of(), EnvironmentVariables.problems(Map.of("OMP_NUM_THREADS", "1", "_x9", "", "lower", "v")));
        assertEquals(List.of(), EnvironmentVariables.problems(null));
    }

    @Test
    void eachBadVariableIsNamedWithWhatIsAllowed() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("1ABC", "x");
        vars.put("A-B", "x");
        vars.put("PARZEN_EXECUTION_ID", "forged");
        vars.put("parzen_task_id", "forged");
        vars.put("LONG", "x".repeat(EnvironmentVariables.MAX_VALUE_LENGTH + 1));
        vars.put("NUL", "a\0b");
        vars.put("N".repeat(EnvironmentVariables.MAX_NAME_LENGTH + 1), "x");
        vars.put("NULLVALUE", null);
        List<EnvironmentVariables.Problem> problems = EnvironmentVariables.problems(vars);
        assertEquals(8, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("[A-Za-z_][A-Za-z0-9_]*"));
        assertEquals("PARZEN_EXECUTION_ID", problems.get(2).name());
        assertTrue(problems.get(2).message().contains("reserved"));
        assertTrue(problems.get(3).message().contains("reserved"));
        assertTrue(problems.get(4).message().contains("at most 4096"));
        assertTrue(problems.get(5).message().contains("NUL"));
        assertTrue(problems.get(6).message().contains("at most 128"));
    }

    @Test
    void theCountIsLimited() {
        Map<String, String> vars = new HashMap<>();
        for (int i = 0; i <= EnvironmentVariables.MAX_COUNT; i++) {
            vars.put("V" + i, "x");
        }
        List<EnvironmentVariables.Problem> problems = EnvironmentVariables.problems(vars);
        assertEquals(1, problems.size());
        assertEquals(null, problems.get(0).name());
        assertTrue(problems.get(0).message().contains("at most 100"));
    }
}
