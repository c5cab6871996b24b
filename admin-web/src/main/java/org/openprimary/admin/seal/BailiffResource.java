package org.openprimary.admin.seal;

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
import org.openprimary.voting.boundary.ElectionService;
import org.openprimary.voting.boundary.SealView;

/** The bailiff's acts (web.xml lets only the bailiff role in). */
@Path("bailiff")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BailiffResource {

    @EJB
    ElectionService elections;

    @Context
    SecurityContext security;

    @POST
    @Path("elections/{id}/seal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm the proposed seal by giving back its fingerprint: the election is sealed")
    public SealView confirmSeal(@PathParam("id") String id, Confirmation request) {
        return elections.confirmSeal(id, security.getUserPrincipal().getName(),
                request == null ? null : request.fingerprint());
    }

    @POST
    @Path("elections/{id}/key/reissue")
    @Operation(summary = "Before the opening, when a trustee lost their share: make the election key anew; every"
            + " trustee downloads a new share and the rehearsal is held again")
    public java.util.List<org.openprimary.voting.boundary.TrusteeView> reissueKey(@PathParam("id") String id) {
        return elections.reissueKey(id, security.getUserPrincipal().getName());
    }

    /** The fingerprint the bailiff read on the proposed seal. */
    public record Confirmation(String fingerprint) {
    }
}
