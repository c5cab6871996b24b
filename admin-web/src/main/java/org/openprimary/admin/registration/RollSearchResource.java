package org.openprimary.admin.registration;

import org.openprimary.admin.RoleCheck;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.boundary.RollSearch;

/**
 * Finding a registrant of an election's roll, to strike them off or to answer for them: organizers,
 * bailiffs, operators and auditors; not trustees, who hold a key share and have no business with
 * personal data (web.xml lets every staff role read under {@code elections/*}, and a servlet pattern
 * cannot name {@code elections/{id}/roll}, hence the check here). Every search is in the audit trail
 * (AuditFilter), without the query.
 */
@Path("elections/{id}/roll")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RollSearchResource {

    static final Set<String> READERS = Set.of("organizer", "bailiff", "operator", "auditor");

    @EJB
    RollSearch roll;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Find registrants of the election by help code, the phone's last digits (4 at least), the"
            + " beginning of the email or of the last name (2 letters at least): at most 50, masked, with their status")
    public Response search(@PathParam("id") String id, @QueryParam("q") String q) {
        RoleCheck.require(security, READERS, "the roll is searched by organizers, bailiffs, operators and auditors");
        UUID election;
        try {
            election = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("id", "no election has the id '" + id + "'");
        }
        return Response.ok(roll.search(election, q, security.getUserPrincipal().getName()))
                .header("Cache-Control", "no-store").build();
    }
}
