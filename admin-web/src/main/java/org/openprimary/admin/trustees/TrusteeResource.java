package org.openprimary.admin.trustees;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.voting.boundary.CeremonyView;
import org.openprimary.voting.boundary.TrusteeService;
import org.openprimary.voting.boundary.TrusteeView;

/** A trustee's acts (web.xml lets only the trustee role in); each acts for their own account only. */
@Path("trustee/elections/{id}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TrusteeResource {

    @EJB
    TrusteeService trustees;

    @Context
    SecurityContext security;

    @PUT
    @Path("passphrase")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose your passphrase (12 characters at least) before the seal: it alone will open your share")
    public TrusteeView choosePassphrase(@PathParam("id") String id, Passphrase request) {
        return trustees.choosePassphrase(id, me(), request == null ? null : request.passphrase());
    }

    @POST
    @Path("share/download")
    @Operation(summary = "Download your share file, once: the server forgets it as it hands it over")
    public Response downloadShare(@PathParam("id") String id) {
        return Response.ok(trustees.downloadShare(id, me()), MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"share-" + id + "-" + me() + ".json\"")
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("shares")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Bring your share for the rehearsal or the count: {purpose: rehearsal|count, share: <the file's"
            + " text>, passphrase}")
    public CeremonyView bringShare(@PathParam("id") String id, Brought request) {
        return trustees.bringShare(id, me(), request == null ? null : request.purpose(),
                request == null ? null : request.share(), request == null ? null : request.passphrase());
    }

    @GET
    @Path("shares")
    @Operation(summary = "Which trustees brought their share so far, and for what")
    public CeremonyView progress(@PathParam("id") String id) {
        return trustees.progress(id);
    }

    private String me() {
        return security.getUserPrincipal().getName();
    }

    /** The passphrase a trustee chose. */
    public record Passphrase(String passphrase) {
    }

    /** A share brought back. */
    public record Brought(String purpose, String share, String passphrase) {
    }
}
