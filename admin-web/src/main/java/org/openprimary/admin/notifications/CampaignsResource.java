package org.openprimary.admin.notifications;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.common.ConflictException;
import org.openprimary.common.NotFoundException;
import org.openprimary.notifications.boundary.CampaignView;
import org.openprimary.notifications.boundary.NotificationService;
import org.openprimary.notifications.boundary.OutboxView;

/**
 * Campaigns as the console shows and steers them (their recipients come from the module that owns
 * them), and one recipient's message history. Starting, pausing, resuming and cancelling are for
 * organizers (WEB-INF/web.xml).
 */
@Path("notifications")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CampaignsResource {

    @EJB
    NotificationService notifications;

    @EJB
    org.openprimary.voting.boundary.ElectionCampaigns electionCampaigns;

    @GET
    @Path("campaigns")
    @Operation(summary = "Every campaign, newest first, with its progress (queued, waiting, sent, delivered, failed, skipped, cancelled)")
    public List<CampaignView> campaigns() {
        return notifications.campaigns();
    }

    @GET
    @Path("campaigns/{id}")
    @Operation(summary = "One campaign and its progress")
    public CampaignView campaign(@PathParam("id") String id) {
        return notifications.campaign(id(id));
    }

    @POST
    @Path("campaigns/{id}/start")
    @Operation(summary = "Organizers: send a draft campaign")
    public CampaignView start(@PathParam("id") String id) {
        // An organizer's campaign to an election's registrants has its audience resolved when it is
        // sent: started here, it would go to nobody.
        electionCampaigns.electionOf(id(id)).ifPresent(election -> {
            throw new ConflictException("id", "this campaign is sent from its election's campaigns: POST"
                    + " /admin/api/elections/" + election + "/campaigns/" + id + "/send");
        });
        return notifications.startCampaign(id(id));
    }

    @POST
    @Path("campaigns/{id}/pause")
    @Operation(summary = "Organizers: stop sending; the messages not yet sent wait")
    public CampaignView pause(@PathParam("id") String id) {
        return notifications.pauseCampaign(id(id));
    }

    @POST
    @Path("campaigns/{id}/resume")
    @Operation(summary = "Organizers: send a paused campaign again")
    public CampaignView resume(@PathParam("id") String id) {
        return notifications.resumeCampaign(id(id));
    }

    @POST
    @Path("campaigns/{id}/cancel")
    @Operation(summary = "Organizers: cancel a campaign; its messages not yet sent are never sent")
    public CampaignView cancel(@PathParam("id") String id) {
        java.util.Optional<String> election = electionCampaigns.electionOf(id(id));
        if (election.isPresent()) {
            // cancelled where its schedule is kept too, so that the voting clock never sends it
            return electionCampaigns.cancel(election.get(), id).progress();
        }
        return notifications.cancelCampaign(id(id));
    }

    @GET
    @Path("history")
    @Operation(summary = "The messages sent to one phone number (E.164) or email address, newest first")
    public List<OutboxView> history(@QueryParam("recipient") String recipient) {
        return notifications.history(recipient);
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("id", "no campaign " + id);
        }
    }
}
