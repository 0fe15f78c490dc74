package io.parzen.deploy.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenTtlTest {

    @Test
    void shortFormsAndIso8601() {
        assertEquals(Duration.ofHours(8), TokenTtl.parse("8h"));
        assertEquals(Duration.ofMinutes(30), TokenTtl.parse("30m"));
        assertEquals(Duration.ofSeconds(90), TokenTtl.parse("90s"));
        assertEquals(Duration.ofDays(7), TokenTtl.parse("7d"));
        assertEquals(Duration.ofDays(7), TokenTtl.parse(" 7D "));
        assertEquals(Duration.ofHours(1), TokenTtl.parse("PT1H"));
        assertEquals(Duration.ofHours(1), TokenTtl.parse("pt1h"));
        assertEquals(Duration.ofHours(36), TokenTtl.parse("P1DT12H"));
        assertEquals(TokenTtl.MAX, TokenTtl.parse("366d"));
    }

    @Test
    void badValuesNameTheValueAndWhatIsAllowed() {
        for (String bad : new String[] {"", "abc", "8x", "h", "-1h", "PT-1H", "1.5h", "0s", "PT0S", "367d", "P400D"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenTtl.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("'" + bad + "' "), e.getMessage());
            assertTrue(e.getMessage().contains("allowed: a number with s, m, h or d (90s, 30m, 8h, 7d)"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenTtl.parse("400d")).getMessage()
                .contains("longer than the maximum of 366 days"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenTtl.parse("0m")).getMessage()
                .contains("shorter than 1 second"));
        assertThrows(IllegalArgumentException.class, () -> TokenTtl.parse(null));
    }
}
