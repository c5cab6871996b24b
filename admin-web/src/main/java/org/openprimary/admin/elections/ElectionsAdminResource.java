package org.openprimary.admin.elections;

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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.common.web.Reasons;
import org.openprimary.voting.boundary.DraftElection;
import org.openprimary.voting.boundary.CountView;
import org.openprimary.voting.boundary.ElectionService;
import org.openprimary.voting.boundary.ResultService;
import org.openprimary.voting.boundary.TrusteeView;
import org.openprimary.voting.boundary.ElectionView;
import org.openprimary.voting.boundary.SealView;

/** Organizers draft elections and move them through their lifecycle. */
@Path("elections")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ElectionsAdminResource {

    @EJB
    ElectionService elections;

    @EJB
    ResultService results;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Draft an election: title, candidates in ballot order, grades from worst to best (optional)")
    public Response draft(DraftElection request) {
        ElectionView created = elections.draft(request, organizer());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @GET
    @Operation(summary = "Every election, drafts included")
    public List<ElectionView> all() {
        return elections.all();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One election")
    public ElectionView one(@PathParam("id") String id) {
        return elections.find(id);
    }

    @POST
    @Path("{id}/second-round")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Draft the second round of a counted election: same roll, the chosen candidates (2 or more,"
            + " by name), the same rules and trustees (who hold a new key ceremony)")
    public Response secondRound(@PathParam("id") String id, SecondRound request) {
        if (request == null) {
            throw new org.openprimary.common.InvalidInputException("body",
                    "send the second round as a JSON object: {\"candidates\": [names]}");
        }
        ElectionView created = elections.secondRound(id, request.title(), request.candidates(), organizer());
        return Response.created(uri.getBaseUriBuilder().path("elections").path(created.id()).build())
                .entity(created).build();
    }

    @GET
    @Path("{id}/carry-over")
    @Operation(summary = "A second round's roll carried over from its first round, in batches once its registration"
            + " opened: NOT_STARTED, RUNNING, STALLED (taken up again by itself) or DONE, voters carried and left out of"
            + " the total; 404 for a first round")
    public org.openprimary.voting.boundary.CarryOverView carryOver(@PathParam("id") String id) {
        return elections.carryOver(id);
    }

    /** A second round: its title (optional) and the first round's candidates it keeps, by name. */
    public record SecondRound(String title, List<String> candidates) {
    }

    @GET
    @Path("{id}/checklist")
    @Operation(summary = "What is missing before the election's registration can open (in the Accept-Language's"
            + " French or English)")
    public Checklist checklist(@PathParam("id") String id) {
        return Checklist.in(elections.missingBeforeRegistration(id), language());
    }

    @POST
    @Path("{id}/open-registration")
    @Operation(summary = "DRAFT -> REGISTRATION: citizens may register")
    public ElectionView openRegistration(@PathParam("id") String id) {
        return elections.openRegistration(id, organizer());
    }

    @PUT
    @Path("{id}/schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set when voting opens and closes (ISO-8601 with offset, e.g. 2027-01-14T08:00:00+01:00)")
    public ElectionView schedule(@PathParam("id") String id, Schedule request) {
        return elections.schedule(id, request == null ? null : request.votingOpensAt(),
                request == null ? null : request.votingClosesAt());
    }

    @GET
    @Path("{id}/seal")
    @Operation(summary = "The seal: proposed or confirmed, with its document and fingerprint")
    public SealView seal(@PathParam("id") String id) {
        return elections.seal(id);
    }

    @GET
    @Path("{id}/seal/checklist")
    @Operation(summary = "What is missing before the seal can be proposed (in the Accept-Language's French or English)")
    public Checklist sealChecklist(@PathParam("id") String id) {
        return Checklist.in(elections.missingBeforeSeal(id), language());
    }

    @POST
    @Path("{id}/seal/proposal")
    @Operation(summary = "Close registration (the roll freezes) and propose the seal; a bailiff must confirm it")
    public SealView proposeSeal(@PathParam("id") String id) {
        return elections.proposeSeal(id, organizer());
    }

    @PUT
    @Path("{id}/description")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "What citizens read about the election (until the seal proposal)")
    public ElectionView describe(@PathParam("id") String id, Description request) {
        return elections.describe(id, request == null ? null : request.description());
    }

    @PUT
    @Path("{id}/candidates/{position}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A candidate's party or support, photo (an https address) and short statement (until the seal"
            + " proposal); position counts from 0 in ballot order")
    public ElectionView describeCandidate(@PathParam("id") String id, @PathParam("position") int position,
            CandidateDetails request) {
        return elections.describeCandidate(id, position, request == null ? null : request.party(),
                request == null ? null : request.photoUrl(), request == null ? null : request.statement());
    }

    @PUT
    @Path("{id}/fee")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The participation fee every registrant pays to be on the roll (draft only): feeCents a whole"
            + " number of cents, 0 for none or 50 to 10000; feeCurrency ISO 4217, EUR by default")
    public ElectionView chargeFee(@PathParam("id") String id, Fee request) {
        if (request == null) {
            throw new org.openprimary.common.InvalidInputException("body",
                    "send the fee as a JSON object: {\"feeCents\": 100, \"feeCurrency\": \"EUR\"}");
        }
        return elections.chargeFee(id, request.feeCents(), request.feeCurrency());
    }

    /** The participation fee, in cents (a number, so a fraction is refused on {@code feeCents}). */
    public record Fee(java.math.BigDecimal feeCents, String feeCurrency) {
    }

    @PUT
    @Path("{id}/trustees")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Name the trustees (accounts with the trustee role) and how many of them are needed to count")
    public List<TrusteeView> nameTrustees(@PathParam("id") String id, Trustees request) {
        return elections.nameTrustees(id, request == null ? null : request.trustees(),
                request == null ? null : request.threshold(), organizer());
    }

    @GET
    @Path("{id}/trustees")
    @Operation(summary = "The trustees and where each stands (passphrase chosen, share downloaded)")
    public List<TrusteeView> trustees(@PathParam("id") String id) {
        return elections.trusteeViews(id);
    }

    @GET
    @Path("{id}/opening/checklist")
    @Operation(summary = "What keeps voting from opening (the rehearsal, the time), in the Accept-Language's French"
            + " or English")
    public Checklist openingChecklist(@PathParam("id") String id) {
        return Checklist.in(results.missingBeforeOpening(id), language());
    }

    @GET
    @Path("{id}/count")
    @Operation(summary = "The count's progress: ballots decrypted of the total, or why it stopped")
    public CountView count(@PathParam("id") String id) {
        return results.count(id);
    }

    @GET
    @Path("{id}/attendance")
    @Operation(summary = "Voters who signed in (asked for a code), of them those who did not vote, and voters marked"
            + " as having voted: counts, never who")
    public org.openprimary.voting.boundary.AttendanceView attendance(@PathParam("id") String id) {
        return results.attendance(id);
    }

    @GET
    @Path("{id}/result")
    @Operation(summary = "The result as the count made it (openprimary-tally-result/1), for the preview before the"
            + " publication; 404 before the count")
    public Response countedResult(@PathParam("id") String id) {
        // Before its publication the result is for the people who run and watch the count, not the hotline.
        org.openprimary.admin.RoleCheck.require(security, java.util.List.of("organizer", "bailiff", "trustee", "auditor"),
                "the result before its publication is read by organizers, bailiffs, trustees and auditors");
        return Response.ok(results.countedResult(id), MediaType.APPLICATION_JSON).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("{id}/publish")
    @Operation(summary = "COUNTED -> PUBLISHED: the result and the public record are published; registrants are told")
    public ElectionView publish(@PathParam("id") String id) {
        return results.publish(id, organizer());
    }

    @POST
    @Path("{id}/result/corrections")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Correct a published result: counted again from the kept ballots; a new version with its"
            + " reason when it differs (refused when it does not); every version stays public")
    public List<org.openprimary.voting.boundary.ResultVersionView> correct(@PathParam("id") String id,
            Correction request) {
        return results.correct(id, request == null ? null : request.reason(), organizer());
    }

    /** Why a published result is corrected. */
    public record Correction(String reason) {
    }

    private String organizer() {
        return security.getUserPrincipal().getName();
    }

    /** The language the console asked for (its page's, in Accept-Language): French or English. */
    private String language() {
        return Reasons.language(headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** What is missing before the next step, each item in the console's language; empty when nothing is. */
    public record Checklist(List<String> missing) {

        /**
         * The domain's items (English) said in {@code language} ({@code fr} or {@code en}) where the
         * reason catalog knows them, else as the domain said them.
         */
        static Checklist in(List<String> missing, String language) {
            return new Checklist(missing.stream().map(item -> {
                Reasons.Said said = Reasons.shipped().say(item, language);
                return said == null ? item : said.text();
            }).toList());
        }
    }

    /** What citizens read about an election. */
    public record Description(String description) {
    }

    /** What citizens read about a candidate. */
    public record CandidateDetails(String party, String photoUrl, String statement) {
    }

    /** The trustees, in order, and the threshold. */
    public record Trustees(List<String> trustees, Integer threshold) {
    }

    /** When voting opens and closes. */
    public record Schedule(String votingOpensAt, String votingClosesAt) {
    }
}
