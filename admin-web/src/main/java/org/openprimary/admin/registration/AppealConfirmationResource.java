package org.openprimary.admin.registration;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.registration.boundary.AppealView;
import org.openprimary.voting.boundary.AppealService;

/** A bailiff confirms an organizer's reinstatement of an appellant on a frozen roll. */
@Path("bailiff/elections/{id}/appeals/{appeal}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AppealConfirmationResource {

    @EJB
    AppealService appeals;

    @Context
    SecurityContext security;

    @POST
    @Operation(summary = "Confirm a proposed reinstatement: the voter is on the frozen roll again")
    public AppealView confirm(@PathParam("id") String id, @PathParam("appeal") String appeal) {
        return appeals.confirm(id, appeal, security.getUserPrincipal().getName());
    }
}
