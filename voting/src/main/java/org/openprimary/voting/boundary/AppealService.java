package org.openprimary.voting.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.boundary.AppealView;
import org.openprimary.registration.boundary.Appeals;
import org.openprimary.registration.boundary.RollStrikeOffs;
import org.openprimary.voting.entity.Election;
import org.openprimary.voting.entity.ElectionId;
import org.openprimary.voting.entity.ElectionState;

/**
 * Deciding appeals against strike-offs, with the same two-person rule as the strike-offs: while
 * registration is open an organizer reinstates alone; once the roll is frozen an organizer's
 * reinstatement is a proposal that a bailiff (another person) confirms, and only someone struck off
 * the frozen roll can come back to it (its credentials were committed by the seal). Upholding a
 * strike-off is the organizer's alone. After voting closes, nothing changes.
 */
@Stateless
public class AppealService {

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @EJB
    Appeals appeals;

    @EJB
    RollStrikeOffs roll;

    public List<AppealView> all(String electionId) {
        return appeals.forElection(UUID.fromString(ElectionId.parse(electionId).toString()));
    }

    /** An organizer's decision on an appeal: {@code UPHELD} or {@code REINSTATED}. */
    public AppealView decide(String electionId, String appealId, String decision, String note, String organizer) {
        Election election = lockedElection(electionId);
        UUID electionUuid = UUID.fromString(election.id().toString());
        AppealView appeal = appeals.lockedForDecision(electionUuid, uuid(appealId));
        String verdict = decision == null ? "" : decision.strip().toUpperCase(Locale.ROOT);
        if (verdict.equals("UPHELD")) {
            return appeals.decided(UUID.fromString(appeal.id()), "UPHELD", organizer, note);
        }
        if (!verdict.equals("REINSTATED")) {
            throw new InvalidInputException("decision", "a decision is UPHELD (the strike-off stands) or REINSTATED");
        }
        if (!"FILED".equals(appeal.status())) {
            throw new ConflictException("appeal", "this appeal was already decided");
        }
        UUID registrantId = UUID.fromString(appeal.registrantId());
        if (election.state() == ElectionState.REGISTRATION && !election.registrationClosed()) {
            roll.reinstate(electionUuid, registrantId);
            return appeals.decided(UUID.fromString(appeal.id()), "REINSTATED", organizer, note);
        }
        requireRollChangeable(election);
        if (struckVoter(election, registrantId) == 0) {
            throw new ConflictException("appeal", "this registrant was struck off before the roll was frozen: the sealed"
                    + " roll cannot take them back (uphold the strike-off, and say why)");
        }
        return appeals.decided(UUID.fromString(appeal.id()), "REINSTATEMENT_PROPOSED", organizer, note);
    }

    /** A bailiff confirms an organizer's reinstatement on a frozen roll: the voter may vote again. */
    public AppealView confirm(String electionId, String appealId, String bailiff) {
        Election election = lockedElection(electionId);
        UUID electionUuid = UUID.fromString(election.id().toString());
        AppealView appeal = appeals.lockedForDecision(electionUuid, uuid(appealId));
        if (!"REINSTATEMENT_PROPOSED".equals(appeal.status())) {
            throw new ConflictException("appeal", "no reinstatement of this appeal waits for a bailiff");
        }
        if (bailiff.equals(appeal.decidedBy())) {
            throw new ConflictException("appeal",
                    "the organizer who proposed a reinstatement cannot confirm it: another person, a bailiff, does");
        }
        requireRollChangeable(election);
        UUID registrantId = UUID.fromString(appeal.registrantId());
        int back = em.createNativeQuery("UPDATE voting.voter SET struck_off_at = NULL WHERE election_id = ?"
                        + " AND registrant_id = ? AND struck_off_at IS NOT NULL")
                .setParameter(1, election.id().toString()).setParameter(2, registrantId).executeUpdate();
        if (back != 1) {
            throw new ConflictException("appeal", "this voter is not struck off the frozen roll");
        }
        roll.reinstate(electionUuid, registrantId);
        return appeals.confirmed(UUID.fromString(appeal.id()), bailiff);
    }

    private long struckVoter(Election election, UUID registrantId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM voting.voter WHERE election_id = ? AND registrant_id = ?"
                        + " AND struck_off_at IS NOT NULL")
                .setParameter(1, election.id().toString()).setParameter(2, registrantId).getSingleResult()).longValue();
    }

    private static void requireRollChangeable(Election election) {
        ElectionState state = election.state();
        if (state != ElectionState.REGISTRATION && state != ElectionState.SEALED && state != ElectionState.VOTING) {
            throw new ConflictException("state", "the election is " + state + ": the roll can be changed only until voting closes");
        }
    }

    private Election lockedElection(String id) {
        Election election = em.find(Election.class, ElectionId.parse(id).toString(), LockModeType.PESSIMISTIC_WRITE);
        if (election == null) {
            throw new NotFoundException("id", "no election has the id '" + id + "'");
        }
        return election;
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(String.valueOf(value).strip());
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("appeal", "no appeal has this id");
        }
    }
}
