package org.openprimary.admin.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openprimary.common.InvalidInputException;
import org.openprimary.voting.boundary.ElectionTimeline;
import org.openprimary.voting.boundary.TimelineView;

/** The timeline's span: a day unless asked; text that is no whole number, or a span out of range, names {@code hours}. */
class TimelineResourceTest {

    /** A timeline that says which election and span it was asked for (and refuses the span as the real one does). */
    static final class Asked extends ElectionTimeline {
        @Override
        public TimelineView timeline(String id, int hours) {
            org.openprimary.common.TimeBuckets.lastHours(hours, java.time.Instant.EPOCH);
            return new TimelineView(id, "asked", null, null, hours, null, List.of());
        }
    }

    private static TimelineView ask(String id, String hours) {
        TimelineResource resource = new TimelineResource();
        resource.timeline = new Asked();
        return resource.timeline(id, hours);
    }

    @Test
    void theSpanIsADayUnlessAsked() {
        assertEquals(24, ask("e-1", null).stepSeconds());
        assertEquals(24, ask("e-1", " ").stepSeconds());
        assertEquals(168, ask("e-1", " 168 ").stepSeconds());
    }

    @Test
    void aSpanThatIsNoWholeNumberOrOutOfRangeNamesHours() {
        for (String wrong : List.of("a day", "1.5", "12h", "99999999999", "0", "-3", "721")) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> ask("e-1", wrong), wrong);
            assertEquals("hours", refused.field().orElseThrow(), wrong);
            assertEquals(400, refused.status());
        }
    }
}
