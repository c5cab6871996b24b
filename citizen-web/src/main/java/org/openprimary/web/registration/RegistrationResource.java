package org.openprimary.web.registration;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.boundary.CardSetupView;
import org.openprimary.registration.boundary.FeePaymentView;
import org.openprimary.registration.boundary.NewRegistrant;
import org.openprimary.registration.boundary.PersonalData;
import org.openprimary.registration.boundary.RegistrationService;
import org.openprimary.registration.boundary.RegistrationStatus;
import org.openprimary.registration.boundary.RollChanges;
import org.openprimary.registration.boundary.RollCounts;

/**
 * Citizens register for an election and verify their factors; anyone reads the roll's counts and
 * why they changed. After registering, each step is authorized by the registration's resume token
 * ({@code Authorization: Bearer <token>}).
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

    @EJB
    RegistrationService registration;

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest http;

    @Inject
    @ConfigProperty(name = "openprimary.http.trust-forwarded-for", defaultValue = "false")
    boolean trustForwardedFor;

    @POST
    @Path("elections/{electionId}/registrants")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register for an election; the first phone code is sent when the election requires the phone."
            + " The answer carries the resume token, given only once.")
    public Response register(@PathParam("electionId") String electionId, NewRegistrant request) {
        RegistrationStatus status = registration.register(id(electionId, "electionId"), request, clientAddress());
        return Response.created(uri.getBaseUriBuilder().path("registrants").path(status.id()).build())
                .entity(status).build();
    }

    @GET
    @Path("registrants/{id}")
    @Operation(summary = "Where a registration stands (needs the resume token)")
    public RegistrationStatus status(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        return registration.status(id(id, "id"), bearer(auth));
    }

    @GET
    @Path("registrants/{id}/data")
    @Operation(summary = "Download everything kept about the registrant (needs the resume token)")
    public Response personalData(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        PersonalData data = registration.personalData(id(id, "id"), bearer(auth));
        return Response.ok(data)
                .header("Content-Disposition", "attachment; filename=\"openprimary-registration-" + data.id() + ".json\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @DELETE
    @Path("registrants/{id}")
    @Operation(summary = "Withdraw: while registration is open personal data are erased at once (204); once the"
            + " roll is sealed the request is recorded and the data are erased at the retention deadline (202, with"
            + " the deadline)")
    public Response withdraw(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        org.openprimary.registration.boundary.WithdrawalView answer = registration.withdraw(id(id, "id"), bearer(auth));
        return answer.erased() ? Response.noContent().build() : Response.accepted(answer).build();
    }

    @POST
    @Path("registrants/{id}/phone/code")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a new phone code by 'sms' or, when the SMS does not arrive, by voice 'call'")
    public Response sendPhoneCode(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            CodeRequest request) {
        registration.sendPhoneCode(id(id, "id"), bearer(auth), request == null ? null : request.channel());
        return Response.accepted().build();
    }

    @POST
    @Path("registrants/{id}/phone/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check the phone code; on the roll once every required factor is verified")
    public RegistrationStatus verifyPhone(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            CodeCheck request) {
        return registration.verifyPhone(id(id, "id"), bearer(auth), request == null ? null : request.code());
    }

    @POST
    @Path("registrants/{id}/email/link")
    @Operation(summary = "Send a new email link (the previous one stops working)")
    public Response sendEmailLink(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        registration.sendEmailLink(id(id, "id"), bearer(auth));
        return Response.accepted().build();
    }

    @POST
    @Path("registrants/{id}/email/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open the email link: its token proves the mailbox (single use, 24 hours)")
    public RegistrationStatus verifyEmail(@PathParam("id") String id, EmailCheck request) {
        return registration.verifyEmail(id(id, "id"), request == null ? null : request.token());
    }

    @POST
    @Path("registrants/{id}/card/setup")
    @Operation(summary = "Start the card step: the provider's setup id and client secret for the page's card form"
            + " (the card goes to the provider, never to us)")
    public CardSetupView startCardSetup(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        return registration.startCardSetup(id(id, "id"), bearer(auth), clientAddress());
    }

    @POST
    @Path("registrants/{id}/card/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Finish the card step once the page confirmed the setup; only a keyed hash of the card's"
            + " fingerprint is kept")
    public RegistrationStatus verifyCard(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            CardCheck request) {
        return registration.verifyCard(id(id, "id"), bearer(auth), request == null ? null : request.setupId(),
                request == null ? null : request.demoCard());
    }

    @POST
    @Path("registrants/{id}/fee/payment")
    @Operation(summary = "Start the fee step of an election with a participation fee: the provider's payment id and"
            + " client secret for the page's card form (Stripe.js confirmCardPayment; the card goes to the provider,"
            + " never to us), the amount in cents and the currency; a payment started before is given back, never a"
            + " second charge")
    public FeePaymentView startFeePayment(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        return registration.startFeePayment(id(id, "id"), bearer(auth), clientAddress());
    }

    @POST
    @Path("registrants/{id}/fee/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Finish the fee step once the page paid: the payment is read back from the provider (succeeded,"
            + " this registration's, the election's amount and currency) and only its id, amount, currency and time"
            + " are kept; the registrant is on the roll when every required factor is verified too")
    public RegistrationStatus payFee(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            FeeCheck request) {
        return registration.payFee(id(id, "id"), bearer(auth), request == null ? null : request.paymentId(),
                request == null ? null : request.demoCard());
    }

    @GET
    @Path("elections/{electionId}/roll")
    @Operation(summary = "The roll's counts (registrants, on the roll) at a moment (default now), from its ledger")
    public RollCounts counts(@PathParam("electionId") String electionId, @QueryParam("at") String at) {
        return registration.counts(id(electionId, "electionId"), at == null ? null : instant(at, "at"));
    }

    @GET
    @Path("elections/{electionId}/roll/changes")
    @Operation(summary = "Why the roll's counts changed between two moments: ledger entries by kind")
    public RollChanges changes(@PathParam("electionId") String electionId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return registration.changes(id(electionId, "electionId"), instant(from, "from"), instant(to, "to"));
    }

    /** The channel for a new phone code: {@code sms} (default) or {@code call}. */
    public record CodeRequest(String channel) {
    }

    /** A phone code to check. */
    public record CodeCheck(String code) {
    }

    /** The token of an email link. */
    public record EmailCheck(String token) {
    }

    /** The confirmed card setup; {@code demoCard} is the test card number, read by the demo stand-in only. */
    public record CardCheck(String setupId, String demoCard) {
    }

    /** The paid fee's payment; {@code demoCard} is the test card number, read by the demo stand-in only. */
    public record FeeCheck(String paymentId, String demoCard) {
    }

    private String clientAddress() {
        return org.openprimary.common.web.ClientAddress.of(http, trustForwardedFor);
    }

    private static UUID id(String text, String field) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(field, "nothing has the id '" + text + "'");
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new NotFoundException("id", "no registration matches this link");
        }
        return authorization.substring(7).strip();
    }

    private static Instant instant(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "give a moment such as 2027-01-15T18:00:00Z");
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + text + "' is not a moment such as 2027-01-15T18:00:00Z");
        }
    }
}
