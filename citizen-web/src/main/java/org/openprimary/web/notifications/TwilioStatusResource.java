package org.openprimary.web.notifications;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.notifications.boundary.DeliveryService;

/**
 * Twilio's status callbacks: every SMS names this address, and Twilio posts each change of the
 * message's state (queued, sent, delivered, undelivered, failed) here, signed with the account's
 * auth token ({@code X-Twilio-Signature}). Answers 204 once accepted, whether the message was known
 * or not; 403 for a missing or wrong signature; 404 when SMS are not sent through Twilio (the demo's
 * console stand-in).
 *
 * <p>{@code OriginCheckFilter} lets it through: Twilio is not a browser and sends neither
 * {@code Origin} nor {@code Sec-Fetch-Site}, and a browser's cross-site post would carry no valid
 * signature anyway.
 */
@Path("notifications/twilio/status")
@RequestScoped
public class TwilioStatusResource {

    @EJB
    DeliveryService delivery;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Twilio's status callback of an SMS (signed with X-Twilio-Signature); 204 once accepted")
    public void status(@HeaderParam("X-Twilio-Signature") String signature, @QueryParam("m") String message,
            MultivaluedMap<String, String> form) {
        delivery.twilioStatus(signature, single(form), message);
    }

    /** Twilio's form has one value per field (a repeated field would not match the signature anyway). */
    static Map<String, String> single(MultivaluedMap<String, String> form) {
        Map<String, String> fields = new HashMap<>();
        if (form != null) {
            form.forEach((name, values) -> {
                List<String> list = values == null ? List.of() : values;
                fields.put(name, list.isEmpty() ? "" : list.get(0));
            });
        }
        return fields;
    }
}
