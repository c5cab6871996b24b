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
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.admin.RoleCheck;
import org.openprimary.registration.boundary.AppealView;
import org.openprimary.voting.boundary.AppealService;

/** The review queue of appeals against strike-offs; organizers decide (web.xml). */
@Path("elections/{id}/appeals")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AppealsResource {

    @EJB
    AppealService appeals;

    @Context
    SecurityContext security;

    public record Decision(String decision, String note) {
    }

    @GET
    @Operation(summary = "The election's appeals against strike-offs, those waiting first (organizers, bailiffs,"
            + " operators, auditors)")
    public List<AppealView> all(@PathParam("id") String id) {
        // web.xml lets every staff role read under elections/*; the queue holds masked names, help codes and the
        // citizens' own words: those who may search the roll read it, not trustees, who hold a key share
        RoleCheck.require(security, RollSearchResource.READERS,
                "the appeals are read by organizers, bailiffs, operators and auditors");
        return appeals.all(id);
    }

    @POST
    @Path("{appeal}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide an appeal {decision: UPHELD or REINSTATED, note}; on a frozen roll a reinstatement"
            + " waits for a bailiff")
    public AppealView decide(@PathParam("id") String id, @PathParam("appeal") String appeal, Decision request) {
        return appeals.decide(id, appeal, request == null ? null : request.decision(),
                request == null ? null : request.note(), security.getUserPrincipal().getName());
    }
}
