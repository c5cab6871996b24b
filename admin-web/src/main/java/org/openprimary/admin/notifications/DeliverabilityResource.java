package org.openprimary.admin.notifications;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.common.InvalidInputException;
import org.openprimary.notifications.boundary.DeliverabilityView;
import org.openprimary.notifications.boundary.DeliveryService;

/**
 * Deliverability per email domain and phone country over the last hours, with the rows that alert
 * (a domain or a country that stopped accepting our messages) first.
 */
@Path("notifications/deliverability")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DeliverabilityResource {

    @EJB
    DeliveryService delivery;

    @GET
    @Operation(summary = "Messages handed over, refused, delivered and undelivered per email domain and phone"
            + " country over the last hours (1 to 168, default 24), and which of them alert and why")
    public DeliverabilityView deliverability(@QueryParam("hours") String hours) {
        return delivery.deliverability(hours(hours));
    }

    /** The window in hours: 24 when not given; anything but a whole number is refused naming the field. */
    public static int hours(String hours) {
        if (hours == null || hours.isBlank()) {
            return 24;
        }
        try {
            return Integer.parseInt(hours.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("hours", "the window is a whole number of hours, 1 to 168");
        }
    }
}
