package org.openprimary.voting.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.boundary.RollStrikeOffs;
import org.openprimary.registration.boundary.StrikeOffReason;
import org.openprimary.voting.control.Digests;
import org.openprimary.voting.entity.Election;
import org.openprimary.voting.entity.ElectionId;
import org.openprimary.voting.entity.ElectionState;

/**
 * Striking a registrant off an election's roll, with a reason code. While registration is open an
 * organizer does it alone; once the roll is frozen (the seal proposed) the roll is the bailiff's
 * too: an organizer proposes, a bailiff who is another person confirms or refuses, and only a
 * voter who has not voted can be struck off (a cast ballot is secret and stays in the box). After
 * the close, the roll is history. Every strike-off is a STRUCK_OFF entry in the roll ledger.
 */
@Stateless
public class StrikeOffService {

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    RollStrikeOffs roll;

    @EJB
    org.openprimary.registration.boundary.SupportService support;

    /**
     * An organizer's strike-off of a registrant (their id, or the help code on their status page):
     * done at once before the seal proposal, proposed to a bailiff after it.
     */
    public StrikeOffView propose(String electionId, String registrant, String reasonCode, String organizer) {
        Election election = lockedElection(electionId);
        UUID registrantId = registrantId(registrant, organizer);
        StrikeOffReason reason = StrikeOffReason.parse("reason", reasonCode);
        UUID electionUuid = UUID.fromString(election.id().toString());
        ElectionState state = election.state();
        if (state == ElectionState.REGISTRATION && !election.registrationClosed()) {
            roll.strikeOff(electionUuid, registrantId, reason);
            Instant now = clock.instant();
            return new StrikeOffView(null, election.id().toString(), registrantId.toString(), reason.name(), "STRUCK_OFF",
                    organizer, now, null, null);
        }
        if (state != ElectionState.REGISTRATION && state != ElectionState.SEALED && state != ElectionState.VOTING) {
            throw new ConflictException("state", "the election is " + state
                    + ": the roll can be changed only until voting closes");
        }
        roll.requireOnRoll(electionUuid, registrantId);
        requireNotVoted(election.id().toString(), registrantId);
        boolean open = !em.createNativeQuery("SELECT id FROM voting.strike_off WHERE election_id = ? AND registrant_id = ?"
                        + " AND decision IS NULL")
                .setParameter(1, election.id().toString()).setParameter(2, registrantId).getResultList().isEmpty();
        if (open) {
            throw new ConflictException("registrant", "a strike-off of this registrant already waits for a bailiff");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO voting.strike_off (id, election_id, registrant_id, reason, proposed_by, proposed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .setParameter(1, id).setParameter(2, election.id().toString()).setParameter(3, registrantId)
                .setParameter(4, reason.name()).setParameter(5, organizer)
                .setParameter(6, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).executeUpdate();
        return find(id);
    }

    /** A bailiff confirms (the voter is struck off the roll) or refuses an organizer's proposal. */
    public StrikeOffView decide(String electionId, String strikeOffId, String decision, String bailiff) {
        Election election = lockedElection(electionId);
        UUID id = uuid("strikeOff", strikeOffId);
        String verdict = decision == null ? "" : decision.strip().toUpperCase(Locale.ROOT);
        if (!verdict.equals("CONFIRMED") && !verdict.equals("REFUSED")) {
            throw new InvalidInputException("decision", "a decision is CONFIRMED or REFUSED");
        }
        StrikeOffView proposal = find(id);
        if (!proposal.electionId().equals(election.id().toString())) {
            throw new NotFoundException("strikeOff", "this election has no strike-off with this id");
        }
        if (!"PROPOSED".equals(proposal.status())) {
            throw new ConflictException("strikeOff", "this strike-off was already " + proposal.status());
        }
        if (proposal.proposedBy().equals(bailiff)) {
            throw new ConflictException("strikeOff",
                    "the organizer who proposed a strike-off cannot decide it: another person, a bailiff, does");
        }
        if (verdict.equals("CONFIRMED")) {
            if (election.state() != ElectionState.REGISTRATION && election.state() != ElectionState.SEALED
                    && election.state() != ElectionState.VOTING) {
                throw new ConflictException("state", "the election is " + election.state() + ": voting has closed");
            }
            UUID registrantId = UUID.fromString(proposal.registrantId());
            int struck = em.createNativeQuery("UPDATE voting.voter SET struck_off_at = ? WHERE election_id = ?"
                            + " AND registrant_id = ? AND NOT has_voted AND struck_off_at IS NULL")
                    .setParameter(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .setParameter(2, election.id().toString()).setParameter(3, registrantId).executeUpdate();
            if (struck != 1) {
                requireNotVoted(election.id().toString(), registrantId);
                throw new ConflictException("registrant", "this voter is not on the frozen roll");
            }
            roll.strikeOff(UUID.fromString(election.id().toString()), registrantId,
                    StrikeOffReason.valueOf(proposal.reason()));
        }
        em.createNativeQuery("UPDATE voting.strike_off SET decision = ?, decided_by = ?, decided_at = ? WHERE id = ?"
                        + " AND decision IS NULL")
                .setParameter(1, verdict).setParameter(2, bailiff)
                .setParameter(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).setParameter(4, id)
                .executeUpdate();
        return find(id);
    }

    /** The election's strike-off proposals and decisions, newest first. */
    @SuppressWarnings("unchecked")
    public List<StrikeOffView> all(String electionId) {
        String election = ElectionId.parse(electionId).toString();
        List<Object[]> rows = em.createNativeQuery(SELECT + " WHERE election_id = ? ORDER BY proposed_at DESC, id")
                .setParameter(1, election).getResultList();
        return rows.stream().map(StrikeOffService::view).toList();
    }

    private static final String SELECT = "SELECT id, election_id, registrant_id, reason, decision, proposed_by, proposed_at,"
            + " decided_by, decided_at FROM voting.strike_off";

    @SuppressWarnings("unchecked")
    private StrikeOffView find(UUID id) {
        List<Object[]> rows = em.createNativeQuery(SELECT + " WHERE id = ?").setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("strikeOff", "no strike-off has this id");
        }
        return view(rows.get(0));
    }

    private static StrikeOffView view(Object[] row) {
        return new StrikeOffView(row[0].toString(), (String) row[1], row[2].toString(), (String) row[3],
                row[4] == null ? "PROPOSED" : (String) row[4], (String) row[5], Digests.instant(row[6]),
                (String) row[7], row[8] == null ? null : Digests.instant(row[8]));
    }

    private void requireNotVoted(String election, UUID registrantId) {
        List<?> voted = em.createNativeQuery("SELECT has_voted FROM voting.voter WHERE election_id = ? AND registrant_id = ?")
                .setParameter(1, election).setParameter(2, registrantId).getResultList();
        if (!voted.isEmpty() && Boolean.TRUE.equals(voted.get(0))) {
            throw new ConflictException("registrant",
                    "this voter has already voted: a cast ballot is secret and cannot be taken out of the box");
        }
    }

    private Election lockedElection(String id) {
        Election election = em.find(Election.class, ElectionId.parse(id).toString(), LockModeType.PESSIMISTIC_WRITE);
        if (election == null) {
            throw new NotFoundException("id", "no election has the id '" + id + "'");
        }
        return election;
    }

    /** The registrant named by their id or by the help code they read out to the hotline. */
    private UUID registrantId(String value, String organizer) {
        String given = value == null ? "" : value.strip();
        if (given.length() == 36) {
            return uuid("registrant", given);
        }
        if (given.isEmpty()) {
            throw new InvalidInputException("registrant", "give the registrant's id or their help code");
        }
        return UUID.fromString(support.lookUp(given, organizer).registrantId());
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(String.valueOf(value).strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "give the id (a UUID)");
        }
    }
}
