package org.openprimary.admin.notifications;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.notifications.boundary.NotificationService;
import org.openprimary.notifications.boundary.OutboxView;

/** The outbox as operators see it; in the demo, where console messages are read. */
@Path("notifications")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OutboxResource {

    @EJB
    NotificationService notifications;

    @GET
    @Path("outbox")
    @Operation(summary = "The newest messages and their delivery; the text only for messages the console stand-in kept")
    public List<OutboxView> outbox(@QueryParam("limit") @DefaultValue("50") int limit) {
        return notifications.outbox(limit);
    }

    @POST
    @Path("outbox/dispatch")
    @Operation(summary = "Deliver what is due now rather than at the next tick")
    public Map<String, Integer> dispatch() {
        return Map.of("handled", notifications.dispatchNow());
    }
}
