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

/**
 * The demo stand-in's phone codes. (The roll's ledger, member import and strike-offs have classes of
 * their own, each rooted at its full path: Jersey picks one root resource per request, the most
 * literal one, so a root {@code ""} can never serve a path under {@code elections/} that
 * ElectionsAdminResource also matches.)
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RollAdminResource {

    @EJB
    RegistrationService registration;

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.SecurityContext security;

    @GET
    @Path("console/codes")
    @Operation(summary = "Demo only: the phone codes the console stand-in sent (empty with the real provider)")
    public List<ConsoleCodeView> consoleCodes(@QueryParam("limit") @DefaultValue("50") int limit) {
        return registration.consoleCodes(limit);
    }
}
