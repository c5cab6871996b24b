package org.openprimary.admin.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openprimary.common.InvalidInputException;
import org.openprimary.notifications.boundary.DeliverabilityView;
import org.openprimary.notifications.boundary.DeliveryService;

/** The window's parameter: 24 hours by default, 1 to 168, anything else a 400 naming {@code hours}. */
class DeliverabilityResourceTest {

    /** The facade's own check of the range, with a report that only says which window was asked for. */
    static final class Window extends DeliveryService {
        @Override
        public DeliverabilityView deliverability(int hours) {
            if (hours < 1 || hours > 168) {
                return super.deliverability(hours);
            }
            return new DeliverabilityView(hours, List.of(), List.of(), 0);
        }
    }

    private static DeliverabilityView ask(String hours) {
        DeliverabilityResource resource = new DeliverabilityResource();
        resource.delivery = new Window();
        return resource.deliverability(hours);
    }

    @Test
    void theWindowIsADayUnlessAsked() {
        assertEquals(24, ask(null).windowHours());
        assertEquals(24, ask(" ").windowHours());
        assertEquals(1, ask("1").windowHours());
        assertEquals(168, ask("168").windowHours());
    }

    @Test
    void aWindowOutOfRangeOrNotANumberIsRefusedNamingTheField() {
        for (String bad : new String[] {"0", "169", "-3", "abc", "2.5", "99999999999"}) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> ask(bad), bad);
            assertEquals("hours", refused.field().orElseThrow(), bad);
            assertEquals(400, refused.status());
        }
    }
}
