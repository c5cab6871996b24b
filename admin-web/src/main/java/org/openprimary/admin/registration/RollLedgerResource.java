package org.openprimary.admin.registration;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.common.InvalidInputException;
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
    @Operation(summary = "Every entry of the roll's ledger, oldest first, with the hashes that chain them; with"
            + " last=N (1 to 1000) only the N entries before the entry numbered 'before' (default: the newest)")
    public List<LedgerEntryView> ledger(@PathParam("id") String id, @QueryParam("last") String last,
            @QueryParam("before") String before) {
        UUID election;
        try {
            election = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("id", "no election has the id '" + id + "'");
        }
        if (last == null || last.isBlank()) {
            if (before != null && !before.isBlank()) {
                throw new InvalidInputException("last", "say how many entries before " + before.strip() + " (last=N)");
            }
            return registration.ledger(election);
        }
        return registration.ledger(election, before == null || before.isBlank() ? null : number("before", before),
                (int) Math.min(Integer.MAX_VALUE, number("last", last)));
    }

    private static long number(String field, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "a whole number, not '" + value + "'");
        }
    }
}
