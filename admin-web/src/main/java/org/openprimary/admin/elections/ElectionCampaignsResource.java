package org.openprimary.admin.elections;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.voting.boundary.ElectionCampaignView;
import org.openprimary.voting.boundary.ElectionCampaigns;

/**
 * An organizer's messages to an election's registrants (docs/campaigns.md): written as a draft,
 * previewed, tried on their own address, sent now or scheduled, cancelled; reminders to vote
 * scheduled in one go. Writes are the organizer's, reads the console staff's (web.xml: writes under
 * {@code elections/*}). Pausing and resuming a campaign that is sending: {@code notifications/campaigns/{id}/…}.
 * Rooted at its full path: Jersey would not reach a sub-path of another root resource.
 */
@Path("elections/{id}/campaigns")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ElectionCampaignsResource {

    @EJB
    ElectionCampaigns campaigns;

    @Context
    SecurityContext security;

    public record Test(String to, String language) {
    }

    public record Send(String at) {
    }

    public record Reminders(List<String> channels, List<String> at) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write a campaign as a draft {name, kind: ANNOUNCEMENT|REMINDER, audience: REGISTERED|ON_ROLL|"
            + "UNVERIFIED|NOT_VOTED, channel: EMAIL|SMS, subject (email), body}")
    public Response create(@PathParam("id") String id, ElectionCampaigns.NewCampaign request) {
        ElectionCampaignView view = campaigns.create(id, request, organizer());
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    @GET
    @Operation(summary = "The election's campaigns, newest first, with their progress")
    public List<ElectionCampaignView> all(@PathParam("id") String id) {
        return campaigns.all(id);
    }

    @GET
    @Path("{campaign}")
    @Operation(summary = "One campaign and its progress")
    public ElectionCampaignView one(@PathParam("id") String id, @PathParam("campaign") String campaign) {
        return campaigns.one(id, campaign);
    }

    @PUT
    @Path("{campaign}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Correct a campaign that has not gone {name, subject, body}: a field left out stays;"
            + " its kind, audience and channel cannot change (cancel it and write another)")
    public ElectionCampaignView revise(@PathParam("id") String id, @PathParam("campaign") String campaign,
            ElectionCampaigns.NewCampaign request) {
        return campaigns.revise(id, campaign, request);
    }

    @GET
    @Path("{campaign}/preview")
    @Operation(summary = "The message in French and English as a recipient reads it, and the audience's size now")
    public Map<String, Object> preview(@PathParam("id") String id, @PathParam("campaign") String campaign) {
        return campaigns.preview(id, campaign);
    }

    @POST
    @Path("{campaign}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send the message once to your own address {to, language}; at most 10 tries a campaign")
    public Response test(@PathParam("id") String id, @PathParam("campaign") String campaign, Test request) {
        UUID message = campaigns.test(id, campaign, request == null ? null : request.to(),
                request == null ? null : request.language());
        return Response.accepted(Map.of("message", message.toString())).build();
    }

    @POST
    @Path("{campaign}/send")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send the campaign now ({}: answered at once, QUEUING, then QUEUED once its audience is in the"
            + " outbox) or at a time ({\"at\": \"2027-01-16T19:00:00+01:00\"})")
    public ElectionCampaignView send(@PathParam("id") String id, @PathParam("campaign") String campaign, Send request) {
        return campaigns.send(id, campaign, request == null ? null : request.at(), organizer());
    }

    @POST
    @Path("{campaign}/cancel")
    @Operation(summary = "Cancel: a draft or scheduled campaign never goes; a sending one's unsent messages never go")
    public ElectionCampaignView cancel(@PathParam("id") String id, @PathParam("campaign") String campaign) {
        return campaigns.cancel(id, campaign);
    }

    @POST
    @Path("reminders")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Schedule reminders to vote {channels: [EMAIL, SMS], at: [times]}: at each time, those"
            + " who have not voted yet get one; withdrawn for a voter who votes before it goes")
    public Response reminders(@PathParam("id") String id, Reminders request) {
        List<ElectionCampaignView> made = campaigns.scheduleReminders(id, request == null ? null : request.channels(),
                request == null ? null : request.at(), organizer());
        return Response.status(Response.Status.CREATED).entity(made).build();
    }

    private String organizer() {
        return security.getUserPrincipal().getName();
    }
}
