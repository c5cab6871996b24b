package org.openprimary.admin.registration;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.admin.RoleCheck;
import org.openprimary.common.NotFoundException;
import org.openprimary.admin.notifications.DeliverabilityResource;
import org.openprimary.registration.boundary.FunnelView;
import org.openprimary.registration.boundary.RegistrationFunnel;
import org.openprimary.registration.boundary.RegistrationService;

/**
 * An election's registration funnel, read by organizers, bailiffs and auditors (the hotline and the
 * trustees read elections, not this: web.xml lets every staff role read under {@code elections/*},
 * so the role is checked here, as for the official records); "resend to failed only" is an
 * organizer's (web.xml: writes under {@code elections/*}).
 */
@Path("elections/{id}/funnel")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FunnelResource {

    static final List<String> READERS = List.of("organizer", "bailiff", "auditor");

    @EJB
    RegistrationFunnel funnel;

    @EJB
    RegistrationService registration;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Registrations started, verified per factor, on the roll, refused and struck off per reason"
            + " code; delivery per email domain and phone country over the last hours (1 to 168, default 24)")
    public FunnelView funnel(@PathParam("id") String id, @QueryParam("hours") String hours) {
        RoleCheck.require(security, READERS, "the registration funnel is read by organizers, bailiffs and auditors");
        return funnel.funnel(election(id), DeliverabilityResource.hours(hours));
    }

    @GET
    @Path("refunds")
    @Operation(summary = "The participation fees to refund (paid, then withdrawn before the seal), oldest first: the"
            + " provider's payment id, amount in cents, currency, when paid and when the refund became due")
    public List<RegistrationService.RefundDue> refunds(@PathParam("id") String id) {
        RoleCheck.require(security, READERS, "the registration funnel is read by organizers, bailiffs and auditors");
        return registration.refundsDue(election(id));
    }

    @POST
    @Path("resend-failed")
    @Operation(summary = "A new email link to each registrant whose last one was not delivered, within the"
            + " citizen's limit of links; counts of those checked, failed, resent and at the limit")
    public FunnelView.Resent resendFailed(@PathParam("id") String id) {
        return funnel.resendFailedEmailLinks(election(id), security.getUserPrincipal().getName());
    }

    static UUID election(String id) {
        try {
            return UUID.fromString(id == null ? "" : id.strip());
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("id", "no election has this id");
        }
    }
}
