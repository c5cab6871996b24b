package org.openprimary.web.voting;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.common.json.Jsonp;
import org.openprimary.voting.boundary.AddressLimits;
import org.openprimary.voting.boundary.BoxView;
import org.openprimary.voting.boundary.ReceiptView;
import org.openprimary.voting.boundary.ResultService;
import org.openprimary.voting.boundary.TurnoutView;
import org.openprimary.voting.boundary.VotingService;

/**
 * Voting for citizens, and what anyone can check: a voter asks for a code and casts a ballot with
 * the credential of their voting link; anyone reads the turnout, the box's signed checkpoints, a
 * receipt's place in the box and, once published, the result and the public record. Code
 * requests, casts and receipt lookups are limited per client address ({@link AddressLimits}).
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class VotingResource {

    @EJB
    VotingService voting;

    @EJB
    ResultService results;

    @EJB
    AddressLimits limits;

    @Context
    HttpServletRequest http;

    @Inject
    @ConfigProperty(name = "openprimary.http.trust-forwarded-for", defaultValue = "false")
    boolean trustForwardedFor;

    @POST
    @Path("elections/{id}/ballot/code")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send the voter a code to confirm their ballot: {credential, channel: sms|call}; the answer"
            + " says how it went (sms, call, or email when the election sends codes by email or the voter has no"
            + " verified phone)")
    public Response code(@PathParam("id") String id, CodeRequest request) {
        String address = clientAddress();
        limits.attempt(address);
        limits.codeRequested(address);
        String sentBy = guarded(address, () -> voting.requestCode(id, request == null ? null : request.credential(),
                request == null ? null : request.channel()));
        return Response.accepted(new CodeSent(sentBy)).build();
    }

    @POST
    @Path("elections/{id}/ballot/code/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "How the voter's last code went, for the voter alone: {credential}; the answer is {by: email"
            + "|phone, state: waiting|sent|delivered|failed|none}; by phone it is sent at most (Twilio Verify reports no"
            + " delivery)")
    public org.openprimary.registration.boundary.VotingCodeDelivery.State codeStatus(@PathParam("id") String id,
            CodeRequest request) {
        return voting.codeState(id, request == null ? null : request.credential());
    }

    /** How the code went. */
    public record CodeSent(String sentBy) {
    }

    @POST
    @Path("elections/{id}/ballots")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cast a ballot: {credential, code, grades: one grade name per candidate, in ballot order};"
            + " the answer is the receipt")
    public Response cast(@PathParam("id") String id, Ballot ballot) {
        String address = clientAddress();
        limits.attempt(address);
        ReceiptView receipt = guarded(address, () -> voting.cast(id, ballot == null ? null : ballot.credential(),
                ballot == null ? null : ballot.code(), ballot == null ? null : ballot.grades()));
        return Response.status(Response.Status.CREATED).entity(receipt).build();
    }

    @GET
    @Path("elections/{id}/receipts/{receipt}")
    @Operation(summary = "Whether a ballot with this receipt is in the box, and where")
    public ReceiptView receipt(@PathParam("id") String id, @PathParam("receipt") String receipt) {
        String address = clientAddress();
        limits.attempt(address);
        return guarded(address, () -> voting.receipt(id, receipt));
    }

    /**
     * Runs a voter's request; a refusal for a wrong credential, code or receipt (what a guesser
     * gets) spends a token of the address's refusal budget, and becomes a 429 once it is spent.
     */
    private <T> T guarded(String address, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidInputException | NotFoundException refused) {
            String field = refused.field().orElse("");
            if (field.equals("credential") || field.equals("code") || field.equals("receipt")) {
                limits.refused(address);
            }
            throw refused;
        }
    }

    private String clientAddress() {
        return org.openprimary.common.web.ClientAddress.of(http, trustForwardedFor);
    }

    @GET
    @Path("elections/{id}/turnout")
    @Operation(summary = "Live turnout: ballots in the box and their share of the roll")
    public TurnoutView turnout(@PathParam("id") String id) {
        return voting.turnout(id);
    }

    @GET
    @Path("elections/{id}/box")
    @Operation(summary = "The ballot box: the election's public key, the checkpoint signing key, the signed checkpoints")
    public BoxView box(@PathParam("id") String id) {
        return voting.publicBox(id);
    }

    @GET
    @Path("elections/{id}/result")
    @Operation(summary = "The published result (openprimary-tally-result/1)")
    public Response result(@PathParam("id") String id) {
        return Response.ok(results.publishedResult(id), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("elections/{id}/results")
    @Operation(summary = "Every version of the published result (1 is the first publication), each with its reason;"
            + " a correction never edits a version")
    public Response results(@PathParam("id") String id) {
        jakarta.json.JsonArrayBuilder versions = Jsonp.PROVIDER.createArrayBuilder();
        for (org.openprimary.voting.boundary.ResultVersionView v : results.resultVersions(id)) {
            versions.add(Jsonp.PROVIDER.createObjectBuilder()
                    .add("version", v.version())
                    .add("reason", v.reason())
                    .add("publishedAt", v.publishedAt().toString())
                    .add("result", Jsonp.PROVIDER.createReader(new java.io.StringReader(v.result())).readObject()));
        }
        return Response.ok(versions.build().toString(), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("elections/{id}/record")
    @Operation(summary = "The public record (openprimary-record/1): check it with `tally verify`")
    public Response record(@PathParam("id") String id) {
        results.requirePublished(id);
        StreamingOutput body = out -> results.writeRecord(id, out);
        return Response.ok(body, MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"record-" + id + ".json\"").build();
    }

    /** A request for a voting code. */
    public record CodeRequest(String credential, String channel) {
    }

    /** A ballot as the page sends it. */
    public record Ballot(String credential, String code, List<String> grades) {
    }
}
