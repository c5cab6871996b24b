package org.openprimary.web.registration;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.boundary.AppealView;
import org.openprimary.registration.boundary.Appeals;
import org.openprimary.registration.boundary.StrikeOffStatus;

/**
 * A registrant struck off the roll reads why and until when they may appeal, and appeals
 * ({@code Authorization: Bearer <resume token>}, as for the rest of their registration).
 */
@Path("registrants/{id}/appeal")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AppealResource {

    @EJB
    Appeals appeals;

    public record Filing(String text) {
    }

    @GET
    @Operation(summary = "Why this registration was struck off, the appeal deadline, and the appeal if filed")
    public StrikeOffStatus status(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        return appeals.status(registrant(id), bearer(auth));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Appeal against the strike-off {text}; an organizer decides by the date in the answer")
    public Response file(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth, Filing request) {
        AppealView filed = appeals.file(registrant(id), bearer(auth), request == null ? null : request.text());
        return Response.status(Response.Status.CREATED).entity(filed).build();
    }

    private static UUID registrant(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("id", "no registration matches this link");
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new NotFoundException("id", "no registration matches this link");
        }
        return authorization.substring(7).strip();
    }
}
