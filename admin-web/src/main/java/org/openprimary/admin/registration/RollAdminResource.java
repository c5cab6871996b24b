package org.openprimary.admin.registration;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.boundary.ConsoleCodeView;
import org.openprimary.registration.boundary.ImportReport;
import org.openprimary.registration.boundary.LedgerEntryView;
import org.openprimary.registration.boundary.RegistrationService;

/** The console's view of the roll: its full ledger, and the demo stand-in's phone codes. */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RollAdminResource {

    @EJB
    RegistrationService registration;

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.SecurityContext security;

    @GET
    @Path("elections/{id}/ledger")
    @Operation(summary = "Every entry of the roll's ledger, oldest first, with the hashes that chain them")
    public List<LedgerEntryView> ledger(@PathParam("id") String id) {
        try {
            return registration.ledger(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("id", "no election has the id '" + id + "'");
        }
    }

    @POST
    @Path("elections/{id}/members")
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

    @GET
    @Path("console/codes")
    @Operation(summary = "Demo only: the phone codes the console stand-in sent (empty with the real provider)")
    public List<ConsoleCodeView> consoleCodes(@QueryParam("limit") @DefaultValue("50") int limit) {
        return registration.consoleCodes(limit);
    }
}
