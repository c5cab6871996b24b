package org.openprimary.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's time buckets: their step for each span, at most 200, aligned, the last one holding now. */
class TimeBucketsTest {

    private static final Instant NOW = Instant.parse("2027-01-14T10:17:42.5Z");

    @ParameterizedTest
    @CsvSource({
        "1, PT1M, 61",
        "3, PT1M, 181",
        "6, PT2M, 181",
        "24, PT10M, 145",
        "48, PT15M, 193",
        "100, PT1H, 101",
        "168, PT1H, 169",
        "199, PT1H, 200",
        "200, PT2H, 101",
        "720, PT6H, 121"
    })
    void theStepIsTheFinestThatKeeps200PointsAtMostHourlyForAWeek(int hours, String step, int count) {
        TimeBuckets buckets = TimeBuckets.lastHours(hours, NOW);
        assertEquals(Duration.parse(step), buckets.step(), hours + " hours");
        assertEquals(count, buckets.count(), hours + " hours");
        assertTrue(buckets.count() <= TimeBuckets.MAX_POINTS);
        assertTrue(!buckets.from().isAfter(NOW.minus(Duration.ofHours(hours))), "the buckets cover the span asked");
    }

    @Test
    void bucketsAreWholeStepsAndTheLastOneHoldsNowWhoseFiguresItShows() {
        TimeBuckets buckets = TimeBuckets.lastHours(24, NOW);
        assertEquals(Instant.parse("2027-01-14T10:20:00Z"), buckets.to(), "the bucket of now ends at the next 10 minutes");
        assertEquals(Instant.parse("2027-01-13T10:10:00Z"), buckets.from(), "a whole day before now, and a bucket");
        assertEquals(Instant.parse("2027-01-13T10:20:00Z"), buckets.at(0), "a bucket is read at its end");
        assertEquals(Instant.parse("2027-01-14T10:10:00Z"), buckets.at(143));
        assertEquals(NOW, buckets.at(144), "the bucket of now is read now");
        assertEquals(buckets, TimeBuckets.lastHours(24, NOW), "the same moment, the same buckets");
        assertEquals(buckets.from(), TimeBuckets.lastHours(24, NOW.plusSeconds(100)).from(),
                "a refresh within the bucket keeps the buckets");
    }

    @Test
    void aMomentOnABoundaryStartsItsBucket() {
        Instant boundary = Instant.parse("2027-01-14T10:00:00Z");
        TimeBuckets buckets = TimeBuckets.lastHours(1, boundary);
        assertEquals(boundary.plusSeconds(60), buckets.to());
        assertEquals(boundary, buckets.at(60));
        assertEquals(boundary.minusSeconds(3600), buckets.from(), "an hour before now starts the first bucket");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 721, Integer.MAX_VALUE})
    void aSpanOutOfRangeIsRefusedNamingHours(int hours) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> TimeBuckets.lastHours(hours, NOW));
        assertEquals("hours", refused.field().orElseThrow());
        assertEquals(400, refused.status());
    }
}
