package io.parzen.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExecutionIdTest {

    @Test
    void anIdIsTheTaskIdAndTheSequenceNumber() {
        ExecutionId id = ExecutionId.of("3f1c2a9e-5b7d-4c8e-9a10-2b3c4d5e6f70", 21);
        assertEquals("3f1c2a9e-5b7d-4c8e-9a10-2b3c4d5e6f70-21", id.value());
        assertEquals(id.value(), id.toString());
        assertEquals(id.value(), Events.executionId(id.taskId(), id.seq()));
        assertEquals(id, ExecutionId.parse(id.value()));
        assertEquals("3f1c-aa", ExecutionId.parse("3f1c-aa-12").taskId());
        assertEquals(12, ExecutionId.parse("3f1c-aa-12").seq());
        assertEquals(new ExecutionId("t-", 7), ExecutionId.parse("t--7"), "the task id is all before the last dash");
        assertEquals(Integer.MAX_VALUE, ExecutionId.parse("t-" + Integer.MAX_VALUE).seq());
    }

    @Test
    void parseReadsBackWhatOfWrites() {
        SplittableRandom random = new SplittableRandom(20261201L);
        for (int i = 0; i < 2000; i++) {
            String taskId = switch (random.nextInt(4)) {
                case 0 -> new UUID(random.nextLong(), random.nextLong()).toString();
                case 1 -> "t" + random.nextInt(1000);
                case 2 -> "a-b-" + random.nextInt(100) + "-";
                default -> "-" + random.nextInt(10);
            };
            int seq = random.nextInt(4) == 0 ? Integer.MAX_VALUE - random.nextInt(10) : 1 + random.nextInt(100_000);
            ExecutionId id = ExecutionId.of(taskId, seq);
            assertEquals(taskId + "-" + seq, id.value());
            assertEquals(id, ExecutionId.parse(id.value()), id.value());
            assertEquals(Optional.of(id), ExecutionId.tryParse(id.value()));
        }
    }

    @Test
    void aMalformedIdIsRejectedWithTheFormAllowed() {
        for (String bad : List.of("", "abc", "-1", "abc-", "abc-0", "abc-01", "abc-x", "abc-+1", "abc--1x", "abc-1 ",
                "abc-99999999999", "abc-2147483648", " -1", "abc-1.5")) {
            assertEquals(Optional.empty(), ExecutionId.tryParse(bad), bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExecutionId.parse(bad));
            assertTrue(e.getMessage().startsWith("execution id '" + bad + "' is not allowed: the form is <taskId>-<seq>"),
                    e.getMessage());
        }
        assertEquals(Optional.empty(), ExecutionId.tryParse(null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExecutionId.parse(null)).getMessage()
                .startsWith("execution id is missing"));
    }

    @Test
    void ofRefusesWhatCouldNotBeReadBack() {
        assertThrows(IllegalArgumentException.class, () -> ExecutionId.of("abc", 0));
        assertThrows(IllegalArgumentException.class, () -> ExecutionId.of("abc", -3));
        assertThrows(IllegalArgumentException.class, () -> ExecutionId.of(" ", 1));
        assertThrows(NullPointerException.class, () -> ExecutionId.of(null, 1));
    }

    @Test
    void jsonIsTheIdString() throws Exception {
        ExecutionId id = ExecutionId.of("t1", 3);
        assertEquals("\"t1-3\"", Events.mapper().writeValueAsString(id));
        assertEquals(id, Events.mapper().readValue("\"t1-3\"", ExecutionId.class));
    }
}
