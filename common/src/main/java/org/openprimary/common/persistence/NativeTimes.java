package org.openprimary.common.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Times to and from native queries, which bypass {@link InstantConverter}: a {@code TIMESTAMP WITH
 * TIME ZONE} column reads back as an {@link OffsetDateTime} or a {@link java.sql.Timestamp},
 * depending on the driver's mapping, and a parameter is bound as an {@link OffsetDateTime} in UTC.
 */
public final class NativeTimes {

    private NativeTimes() {
    }

    /** The instant a native query's column holds ({@code null} for SQL NULL). */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("not a time: " + value);
    }

    /** The parameter for a {@code TIMESTAMP WITH TIME ZONE} column. */
    public static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
