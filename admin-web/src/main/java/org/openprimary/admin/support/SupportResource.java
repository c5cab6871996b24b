package org.openprimary.admin.support;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.registration.boundary.SupportCase;
import org.openprimary.registration.boundary.SupportService;

/** Hotline volunteers help a citizen who calls, knowing only the help code the citizen reads out. */
@Path("support/registrations/{helpCode}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SupportResource {

    @EJB
    SupportService support;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "The registration behind a help code: masked name, phone and email, the factors, whether on"
            + " the roll, the delivery of its messages (never their content), the call notes")
    public SupportCase lookUp(@PathParam("helpCode") String helpCode) {
        return support.lookUp(helpCode, operator());
    }

    @POST
    @Path("phone-code")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a new phone code, by 'sms' (the default) or 'call', under the citizen's limits (429 beyond)")
    public Response resendPhoneCode(@PathParam("helpCode") String helpCode, Resend request) {
        support.resendPhoneCode(helpCode, request == null ? null : request.channel(), operator());
        return Response.noContent().build();
    }

    @POST
    @Path("email-link")
    @Operation(summary = "Send a new email link (the previous one stops working), at most 5 per registration")
    public Response resendEmailLink(@PathParam("helpCode") String helpCode) {
        support.resendEmailLink(helpCode, operator());
        return Response.noContent().build();
    }

    @GET
    @Path("notes")
    @Operation(summary = "The notes of calls about this registration, oldest first")
    public List<SupportCase.CallNoteView> notes(@PathParam("helpCode") String helpCode) {
        return support.notes(helpCode);
    }

    @POST
    @Path("notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Note the call (at most 1000 characters), kept with your name and the time; never edited")
    public Response addNote(@PathParam("helpCode") String helpCode, Note request) {
        return Response.status(Response.Status.CREATED)
                .entity(support.addNote(helpCode, request == null ? null : request.text(), operator())).build();
    }

    private String operator() {
        return security.getUserPrincipal().getName();
    }

    /** How to send the phone code: {@code sms} or {@code call}. */
    public record Resend(String channel) {
    }

    /** A note of the call. */
    public record Note(String text) {
    }
}
