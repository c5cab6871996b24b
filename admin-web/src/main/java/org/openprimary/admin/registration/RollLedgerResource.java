package org.openprimary.admin.registration;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.boundary.LedgerEntryView;
import org.openprimary.registration.boundary.RegistrationService;

/** The roll's whole ledger: why every figure is what it is. */
@Path("elections/{id}/ledger")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RollLedgerResource {

    @EJB
    RegistrationService registration;

    @GET
    @Operation(summary = "Every entry of the roll's ledger, oldest first, with the hashes that chain them")
    public List<LedgerEntryView> ledger(@PathParam("id") String id) {
        try {
            return registration.ledger(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("id", "no election has the id '" + id + "'");
        }
    }
}
