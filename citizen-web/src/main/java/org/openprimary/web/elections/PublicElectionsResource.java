package org.openprimary.web.elections;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.openprimary.registration.boundary.RegistrationService;
import org.openprimary.voting.boundary.ElectionService;
import org.openprimary.voting.boundary.ElectionView;
import org.openprimary.voting.boundary.SealView;

/**
 * The public list of elections and their seals. Like every public resource under
 * {@code /api/elections/...}, rooted at "" so JAX-RS merges their paths instead of letting one
 * root resource hide the others' sub-paths.
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PublicElectionsResource {

    @EJB
    ElectionService elections;

    @EJB
    RegistrationService registration;

    @GET
    @Path("elections")
    @Operation(summary = "The public elections (not drafts) with their candidates and grade scale (worst grade first)")
    public List<PublicElection> list(
            @Parameter(description = "only elections in this state, e.g. REGISTRATION")
            @QueryParam("state") String state) {
        return elections.published(state).stream()
                .map(e -> PublicElection.of(e, registration.rollSize(UUID.fromString(e.id()))))
                .toList();
    }

    @GET
    @Path("elections/{id}/seal")
    @Operation(summary = "The election's published seal: the document it covers and its SHA-256 fingerprint")
    public SealView seal(@PathParam("id") String id) {
        return elections.publishedSeal(id);
    }

    /**
     * An election as the public sees it, with the size of its roll, its schedule, its description,
     * what citizens read about each candidate, and what registering takes: the proofs required
     * ({@code PHONE}, {@code EMAIL}, {@code CARD}) and whether citizens register at all
     * ({@code OPEN}) or the roll is a member list ({@code IMPORTED}); {@code landlineVoiceCode}: a
     * landline is accepted as the phone, for citizens without a mobile (its code by voice call);
     * {@code feeCents} and {@code feeCurrency}: the participation fee paid to be on the roll (0: none).
     */
    public record PublicElection(String id, String title, String state, List<String> candidates,
            List<String> grades, long rollSize, java.time.Instant votingOpensAt, java.time.Instant votingClosesAt,
            String description, List<ElectionView.CandidateView> candidateDetails, List<String> requiredFactors,
            String rollMode, boolean landlineVoiceCode, long feeCents, String feeCurrency) {

        static PublicElection of(ElectionView e, long rollSize) {
            return new PublicElection(e.id(), e.title(), e.state(), e.candidates(), e.grades(), rollSize,
                    e.votingOpensAt(), e.votingClosesAt(), e.description(), e.candidateDetails(), e.requiredFactors(),
                    e.rollMode(), e.landlineVoiceCode(), e.feeCents(), e.feeCurrency());
        }
    }
}
