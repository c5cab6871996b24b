package org.openprimary.admin.registration;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.voting.boundary.StrikeOffService;
import org.openprimary.voting.boundary.StrikeOffView;

/**
 * Striking a registrant off the roll: an organizer alone while registration is open; once the roll
 * is frozen, an organizer proposes and a bailiff (another person) decides in
 * {@link StrikeOffDecisionResource} (web.xml: writes under {@code elections/*} are the organizer's,
 * {@code bailiff/*} the bailiff's).
 */
@Path("elections/{id}/strike-offs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StrikeOffsResource {

    @EJB
    StrikeOffService strikeOffs;

    @Context
    SecurityContext security;

    public record Proposal(String registrant, String reason) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Strike a registrant off the roll {registrant, reason}: at once before the seal proposal, "
            + "proposed to a bailiff after it")
    public Response propose(@PathParam("id") String id, Proposal request) {
        StrikeOffView view = strikeOffs.propose(id, request == null ? null : request.registrant(),
                request == null ? null : request.reason(), security.getUserPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    @GET
    @Operation(summary = "The election's strike-off proposals and decisions")
    public List<StrikeOffView> all(@PathParam("id") String id) {
        return strikeOffs.all(id);
    }
}
