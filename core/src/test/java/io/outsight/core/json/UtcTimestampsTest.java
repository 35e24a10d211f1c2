package io.outsight.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-made reading of Outsight's timestamps gives what the formatter gives, and nothing where it might not. */
class UtcTimestampsTest {
    @Test
    void readsWhatTheFormatterReadsForRandomInstantsWithAndWithoutFraction() {
        var random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            // 1900 to 2100, with 0 to 9 fraction digits as ISO_INSTANT writes them (and trailing zeros kept).
            var instant = Instant.ofEpochSecond(random.nextLong(-2_208_988_800L, 4_102_444_800L),
                    random.nextInt(1_000_000_000));
            String text = DateTimeFormatter.ISO_INSTANT.format(instant);
            int digits = random.nextInt(10);
            String seconds = text.substring(0, 19);
            String fraction = String.format("%09d", instant.getNano()).substring(0, digits);
            String written = digits == 0 ? seconds + "Z" : seconds + "." + fraction + "Z";
            assertEquals(Instant.parse(written), UtcTimestamps.parse(written), written);
        }
    }

    @Test
    void leavesEveryOtherFormToTheMapper() {
        for (String other : new String[] {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-05-02T24:00:00Z",
                "2016-12-31T23:59:60Z", "2026-05-02T08:00:00+02:00", "2026-05-02T08:00:00", "2026-05-02 08:00:00Z",
                "2026-05-02T08:00:00.Z", "2026-05-02T08:00:00.1234567890Z", "+12026-05-02T08:00:00Z",
                "2026-5-02T08:00:00Z", "2026-05-02T08:00:0xZ", "", "1746172800"}) {
            assertNull(UtcTimestamps.parse(other), other);
        }
    }

    @Test
    void readsLeapDaysAndTheEdgesOfADay() {
        assertEquals(Instant.parse("2024-02-29T23:59:59.999999999Z"),
                UtcTimestamps.parse("2024-02-29T23:59:59.999999999Z"));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), UtcTimestamps.parse("2026-01-01T00:00:00.0Z"));
        assertNull(UtcTimestamps.parse("2026-02-29T00:00:00Z"));
    }
}
