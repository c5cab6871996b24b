package org.openprimary.admin.elections;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.voting.boundary.MinutesService;
import org.openprimary.voting.boundary.SignedMinutes;

/**
 * The official records (procès-verbaux) of the seal and of the count, as signed PDFs
 * (docs/minutes.md): the file, and its Ed25519 signature in base64 next to it ({@code .sig}).
 * Refused (409) until the event happened. Readable by organizers, bailiffs and auditors: checked
 * here too, since a servlet URL pattern cannot put a wildcard between {@code elections} and
 * {@code minutes}.
 */
@Path("elections/{id}/minutes")
@RequestScoped
public class MinutesResource {

    static final String PDF = "application/pdf";
    static final List<String> READERS = List.of("organizer", "bailiff", "auditor");

    @EJB
    MinutesService minutes;

    @Context
    SecurityContext security;

    @GET
    @Path("seal.pdf")
    @Produces(PDF)
    @Operation(summary = "The seal's official record (PDF), once a bailiff confirmed the seal")
    public Response seal(@PathParam("id") String id) {
        refuseOthers();
        return pdf(minutes.seal(id));
    }

    @GET
    @Path("seal.pdf.sig")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The Ed25519 signature (base64) of seal.pdf's bytes, by the key that signs the box's checkpoints")
    public Response sealSignature(@PathParam("id") String id) {
        refuseOthers();
        return signature(minutes.seal(id));
    }

    @GET
    @Path("count.pdf")
    @Produces(PDF)
    @Operation(summary = "The count's official record (PDF), once the count is done")
    public Response count(@PathParam("id") String id) {
        refuseOthers();
        return pdf(minutes.count(id));
    }

    @GET
    @Path("count.pdf.sig")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The Ed25519 signature (base64) of count.pdf's bytes, by the key that signs the box's checkpoints")
    public Response countSignature(@PathParam("id") String id) {
        refuseOthers();
        return signature(minutes.count(id));
    }

    /** 403 problem+json for an account that is neither organizer, bailiff nor auditor. */
    private void refuseOthers() {
        org.openprimary.admin.RoleCheck.require(security, READERS,
                "the official records are read by organizers, bailiffs and auditors");
    }

    private static Response pdf(SignedMinutes record) {
        return Response.ok(record.pdf(), PDF)
                .header("Content-Disposition", "attachment; filename=\"" + record.fileName() + "\"")
                .header("X-OpenPrimary-Signing-Key", record.signingKey())
                .build();
    }

    private static Response signature(SignedMinutes record) {
        return Response.ok(record.signature() + "\n", MediaType.TEXT_PLAIN_TYPE.withCharset("US-ASCII"))
                .header("Content-Disposition", "attachment; filename=\"" + record.fileName() + ".sig\"")
                .header("X-OpenPrimary-Signing-Key", record.signingKey())
                .build();
    }
}
