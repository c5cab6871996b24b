package org.openprimary.admin.system;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.notifications.boundary.NotificationService;
import org.openprimary.registration.boundary.RegistrationService;

/** Which providers carry SMS, email and the card imprint: real ones, or demo stand-ins. */
@Path("system")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

    @EJB
    NotificationService notifications;

    @EJB
    RegistrationService registration;

    @GET
    @Path("providers")
    @Operation(summary = "The provider of each external service (twilio/console, smtp/console, stripe/demo)")
    public Map<String, String> providers() {
        Map<String, String> providers = new TreeMap<>(notifications.providers());
        providers.put("card", registration.cardProvider());
        return providers;
    }
}
