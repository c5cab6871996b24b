package org.openprimary.admin.audit;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.voting.boundary.AuditTrail;

/** The audit trail for organizers and bailiffs (web.xml). */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @EJB
    AuditTrail trail;

    @GET
    @Operation(summary = "The newest audited admin requests (accepted or refused), optionally of one election")
    public List<AuditTrail.Entry> entries(@QueryParam("election") String election,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return trail.entries(election, limit);
    }

    @GET
    @Path("check")
    @Operation(summary = "Recomputes the trail's hash chain: the first broken entry, or 0 when it holds")
    public Check check() {
        return new Check(trail.firstBrokenEntry());
    }

    /** The chain's check. */
    public record Check(long firstBrokenEntry) {
    }
}
