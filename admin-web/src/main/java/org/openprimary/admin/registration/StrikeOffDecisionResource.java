package org.openprimary.admin.registration;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.voting.boundary.StrikeOffService;
import org.openprimary.voting.boundary.StrikeOffView;

/** A bailiff decides an organizer's strike-off of a registrant from a frozen roll. */
@Path("bailiff/elections/{id}/strike-offs/{strikeOff}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StrikeOffDecisionResource {

    @EJB
    StrikeOffService strikeOffs;

    @Context
    SecurityContext security;

    public record Decision(String decision) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide an organizer's strike-off proposal {decision: CONFIRMED or REFUSED}")
    public StrikeOffView decide(@PathParam("id") String id, @PathParam("strikeOff") String strikeOff, Decision request) {
        return strikeOffs.decide(id, strikeOff, request == null ? null : request.decision(),
                security.getUserPrincipal().getName());
    }
}
