package org.openprimary.voting.boundary;

import java.time.Instant;
import java.util.List;
import org.openprimary.voting.entity.Election;

/**
 * What the outside sees of an election. Grades are listed from the worst to the best;
 * {@code firstRoundId} names the first round of a second round (none for a first round);
 * {@code feeCents} and {@code feeCurrency} the participation fee each registrant pays to be on the
 * roll (0: none).
 */
public record ElectionView(
        String id,
        String title,
        String state,
        List<String> candidates,
        List<String> grades,
        Instant createdAt,
        Instant registrationOpenedAt,
        List<String> requiredFactors,
        List<String> allowedCountries,
        String rollMode,
        Instant votingOpensAt,
        Instant votingClosesAt,
        String sealFingerprint,
        String description,
        List<CandidateView> candidateDetails,
        String votingCode,
        boolean landlineVoiceCode,
        String firstRoundId,
        long feeCents,
        String feeCurrency) {

    /** A candidate as citizens read about them. */
    public record CandidateView(int position, String name, String party, String photoUrl, String statement) {
    }

    static ElectionView of(Election election) {
        return new ElectionView(
                election.id().toString(),
                election.title(),
                election.state().name(),
                election.candidateNames(),
                election.scale().names(),
                election.createdAt(),
                election.registrationOpenedAt().orElse(null),
                election.registrationRules().requiredFactors().stream().map(Enum::name).sorted().toList(),
                election.registrationRules().allowedCountries(),
                election.registrationRules().rollMode().name(),
                election.votingOpensAt().orElse(null),
                election.votingClosesAt().orElse(null),
                election.sealedAt().isPresent() ? election.sealFingerprint().orElse(null) : null,
                election.description().orElse(null),
                java.util.stream.IntStream.range(0, election.candidates().size()).mapToObj(i -> {
                    org.openprimary.voting.entity.Candidate c = election.candidates().get(i);
                    return new CandidateView(i, c.name(), c.party().orElse(null), c.photoUrl().orElse(null),
                            c.statement().orElse(null));
                }).toList(),
                election.votingCodeByEmail() ? "email" : "sms",
                election.landlineVoiceCode(),
                election.firstRoundId().map(Object::toString).orElse(null),
                election.fee().cents(),
                election.fee().currency());
    }
}
