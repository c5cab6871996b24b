package org.openprimary.common;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The time buckets of a chart over the last hours: {@code count} buckets of {@code step}, the first
 * starting at {@code from}, the last one holding {@code now} (it ends at the next step boundary, so
 * its figures are those of now). Buckets are aligned on whole steps since the epoch, so two
 * refreshes a few seconds apart give the same buckets. Hourly for a week, finer for shorter spans,
 * coarser for longer ones: never more than {@value #MAX_POINTS} buckets.
 */
public record TimeBuckets(Instant from, Duration step, int count, Instant now) {

    /** The most buckets a chart gets. */
    public static final int MAX_POINTS = 200;

    /** The longest span asked for: 30 days, a long registration. */
    public static final int MAX_HOURS = 720;

    /** The steps, finest first: from one minute (the box's checkpoints come every minute) to a day. */
    static final List<Duration> STEPS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1));

    public TimeBuckets {
        if (count < 1 || count > MAX_POINTS || step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("between 1 and " + MAX_POINTS + " buckets of a positive step");
        }
    }

    /** The buckets covering at least the last {@code hours} (1 to {@value #MAX_HOURS}) up to now. */
    public static TimeBuckets lastHours(int hours, Instant now) {
        if (hours < 1 || hours > MAX_HOURS) {
            throw new InvalidInputException("hours", "the span is a whole number of hours, 1 to " + MAX_HOURS);
        }
        long span = hours * 3600L;
        // The whole steps of the span, and the bucket that holds now: at least the span, whatever now is.
        Duration step = STEPS.stream().filter(s -> ceilDiv(span, s.toSeconds()) + 1 <= MAX_POINTS).findFirst()
                .orElseThrow();
        long seconds = step.toSeconds();
        // The bucket that holds now ends at the next whole step after it.
        long end = (Math.floorDiv(now.getEpochSecond(), seconds) + 1) * seconds;
        int count = (int) ceilDiv(span, seconds) + 1;
        return new TimeBuckets(Instant.ofEpochSecond(end - count * seconds), step, count, now);
    }

    /** Where the last bucket ends (after now). */
    public Instant to() {
        return from.plus(step.multipliedBy(count));
    }

    /** The moment bucket {@code i}'s figures are read at: its end, or now for the bucket that holds now. */
    public Instant at(int i) {
        Instant end = from.plus(step.multipliedBy(i + 1L));
        return end.isAfter(now) ? now : end;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
