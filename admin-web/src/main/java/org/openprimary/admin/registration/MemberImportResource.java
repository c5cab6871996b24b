package org.openprimary.admin.registration;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.boundary.ImportReport;
import org.openprimary.registration.boundary.RegistrationService;

/** An organizer imports a member list into an election's registrants. */
@Path("elections/{id}/members")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MemberImportResource {

    @EJB
    RegistrationService registration;

    @Context
    SecurityContext security;

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Import a member list (CSV: member_id, first_name, last_name, email, phone); all or nothing"
            + " unless acceptValidLines=true; the same file twice changes nothing")
    public ImportReport importMembers(@PathParam("id") String id, @QueryParam("acceptValidLines") boolean acceptValidLines,
            String csv) {
        try {
            return registration.importMembers(UUID.fromString(id), csv, acceptValidLines,
                    security.getUserPrincipal().getName());
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("id", "no election has the id '" + id + "'");
        }
    }
}
