package org.openprimary.registration.control;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How long registrants' personal data are kept after an election's result is published
 * ({@code openprimary.registration.retention}): an ISO 8601 period such as {@code P2Y} (the default,
 * the usual appeal period) or {@code P6M}, or a duration such as {@code PT1H}. Years and months
 * count in UTC calendar terms.
 */
public final class RetentionPeriod {

    public static final String DEFAULT = "P2Y";

    private final Period period;
    private final Duration duration;
    private final String text;

    private RetentionPeriod(Period period, Duration duration, String text) {
        this.period = period;
        this.duration = duration;
        this.text = text;
    }

    /** Reads the configuration's value; anything but a positive period or duration is refused. */
    public static RetentionPeriod parse(String value) {
        String text = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        try {
            if (text.contains("T")) {
                Duration duration = Duration.parse(text);
                if (duration.isNegative() || duration.isZero()) {
                    throw new IllegalArgumentException("the retention period must be positive, not " + value);
                }
                return new RetentionPeriod(null, duration, text);
            }
            Period period = Period.parse(text);
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("the retention period must be positive, not " + value);
            }
            return new RetentionPeriod(period, null, text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("openprimary.registration.retention is an ISO 8601 period such as P2Y"
                    + " or a duration such as PT1H, not '" + value + "'", e);
        }
    }

    /** When the data of an election whose result was published at {@code resultAt} are purged. */
    public Instant deadline(Instant resultAt) {
        return period != null ? resultAt.atZone(ZoneOffset.UTC).plus(period).toInstant() : resultAt.plus(duration);
    }

    /** The latest publication whose deadline has passed at {@code now}. */
    public Instant publishedBy(Instant now) {
        return period != null ? now.atZone(ZoneOffset.UTC).minus(period).toInstant() : now.minus(duration);
    }

    @Override
    public String toString() {
        return text;
    }
}
