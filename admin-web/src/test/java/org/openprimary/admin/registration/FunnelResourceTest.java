package org.openprimary.admin.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openprimary.common.ForbiddenException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.notifications.boundary.DeliverabilityView;
import org.openprimary.registration.boundary.FunnelView;
import org.openprimary.registration.boundary.RegistrationFunnel;

/**
 * Who reads the funnel (organizers, bailiffs, auditors: the hotline and the trustees read elections but
 * are refused this with a 403 on {@code role}), the election's id, and the window's parameter.
 */
class FunnelResourceTest {

    /** A funnel that only says which election and window it was asked for. */
    static final class Asked extends RegistrationFunnel {
        @Override
        public FunnelView funnel(UUID electionId, int hours) {
            return new FunnelView(electionId.toString(), "asked", true, 0, Map.of(), 0, 0, 0, List.of(), List.of(), 0,
                    new DeliverabilityView(hours, List.of(), List.of(), 0),
                    new org.openprimary.registration.boundary.FeeTotals(electionId.toString(), 0, "EUR", 0, 0, 0));
        }
    }

    private static SecurityContext as(String... roles) {
        Set<String> held = Set.of(roles);
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> "someone";
            }

            @Override
            public boolean isUserInRole(String role) {
                return held.contains(role);
            }

            @Override
            public boolean isSecure() {
                return true;
            }

            @Override
            public String getAuthenticationScheme() {
                return "FORM";
            }
        };
    }

    private static FunnelView ask(String id, String hours, String... roles) {
        FunnelResource resource = new FunnelResource();
        resource.funnel = new Asked();
        resource.security = as(roles);
        return resource.funnel(id, hours);
    }

    @Test
    void organizersBailiffsAndAuditorsReadItTheHotlineAndTrusteesDoNot() {
        String id = UUID.randomUUID().toString();
        for (String reader : List.of("organizer", "bailiff", "auditor")) {
            assertEquals(id, ask(id, null, reader).electionId(), reader);
        }
        for (String other : List.of("operator", "trustee")) {
            ForbiddenException refused = assertThrows(ForbiddenException.class, () -> ask(id, null, other), other);
            assertEquals(403, refused.status());
            assertEquals("role", refused.field().orElseThrow(), other);
        }
        assertEquals(id, ask(id, null, "operator", "auditor").electionId(), "any one reading role is enough");
    }

    @Test
    void theWindowIsADayUnlessAskedAndAWrongOneNamesTheField() {
        String id = UUID.randomUUID().toString();
        assertEquals(24, ask(id, null, "organizer").delivery().windowHours());
        assertEquals(72, ask(id, " 72 ", "organizer").delivery().windowHours());
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> ask(id, "a day", "organizer"));
        assertEquals("hours", refused.field().orElseThrow());
    }

    @Test
    void anIdThatIsNoElectionIsNotFoundNamingIt() {
        NotFoundException unknown = assertThrows(NotFoundException.class, () -> ask("not-an-id", null, "organizer"));
        assertEquals("id", unknown.field().orElseThrow());
        assertEquals(404, unknown.status());
    }
}
