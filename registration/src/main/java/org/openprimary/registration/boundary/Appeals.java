package org.openprimary.registration.boundary;

import static org.openprimary.common.persistence.NativeTimes.instant;
import static org.openprimary.common.persistence.NativeTimes.utc;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.control.Tokens;
import org.openprimary.registration.entity.Registrant;
import org.openprimary.registration.entity.RegistrantStatus;

/**
 * Appeals against strike-offs. A registrant struck off the roll appeals within
 * {@link #APPEAL_WINDOW} with a text; an organizer decides within {@link #DECISION_WINDOW} of the
 * appeal. Who may decide what, and when a bailiff must confirm, is voting's AppealService; this
 * keeps the appeals and answers the citizen.
 */
@Stateless
public class Appeals {

    public static final Duration APPEAL_WINDOW = Duration.ofDays(7);
    public static final Duration DECISION_WINDOW = Duration.ofDays(3);
    public static final int MAX_TEXT = 1000;
    public static final int MAX_NOTE = 500;

    private static final String SELECT = "SELECT a.id, a.election_id, a.registrant_id, a.text, a.filed_at, a.decide_by,"
            + " a.status, a.decided_by, a.decided_at, a.note, a.confirmed_by, r.struck_off_reason, r.help_code,"
            + " r.first_name, r.last_name FROM registration.appeal a JOIN registration.registrant r ON r.id = a.registrant_id";

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    @Inject
    Clock clock;

    /** The citizen's strike-off, with their appeal; 404 unless the token is theirs, 409 unless struck off. */
    public StrikeOffStatus status(UUID registrantId, String resumeToken) {
        Registrant registrant = authorized(registrantId, resumeToken, LockModeType.NONE);
        Instant struckAt = struckOffAt(registrant);
        return new StrikeOffStatus(reason(registrant), struckAt, struckAt.plus(APPEAL_WINDOW),
                latest(registrant.id()).orElse(null));
    }

    /** The citizen appeals: once per strike-off, within the appeal window, in their own words. */
    public AppealView file(UUID registrantId, String resumeToken, String text) {
        Registrant registrant = authorized(registrantId, resumeToken, LockModeType.PESSIMISTIC_WRITE);
        Instant struckAt = struckOffAt(registrant);
        Instant now = clock.instant();
        if (now.isAfter(struckAt.plus(APPEAL_WINDOW))) {
            throw new ConflictException("appeal", "the time to appeal ended on " + struckAt.plus(APPEAL_WINDOW));
        }
        String said = text == null ? "" : text.strip();
        if (said.isEmpty() || said.length() > MAX_TEXT) {
            throw new InvalidInputException("text", "say in 1 to " + MAX_TEXT + " characters why you should be on the roll");
        }
        Optional<AppealView> previous = latest(registrant.id());
        if (previous.isPresent() && !previous.get().filedAt().isBefore(struckAt)) {
            throw new ConflictException("appeal", "you have already appealed against this strike-off");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO registration.appeal (id, election_id, registrant_id, text, filed_at, decide_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .setParameter(1, id).setParameter(2, registrant.electionId().toString())
                .setParameter(3, registrant.id().toString()).setParameter(4, said).setParameter(5, utc(now))
                .setParameter(6, utc(now.plus(DECISION_WINDOW))).executeUpdate();
        return find(id);
    }

    /** The election's appeals, those waiting first, oldest first. */
    @SuppressWarnings("unchecked")
    public List<AppealView> forElection(UUID electionId) {
        List<Object[]> rows = em.createNativeQuery(SELECT + " WHERE a.election_id = ?"
                        + " ORDER BY a.status NOT IN ('FILED', 'REINSTATEMENT_PROPOSED'), a.filed_at, a.id")
                .setParameter(1, electionId.toString()).getResultList();
        return rows.stream().map(Appeals::view).toList();
    }

    /** An appeal of this election, locked for a decision. */
    public AppealView lockedForDecision(UUID electionId, UUID appealId) {
        List<?> locked = em.createNativeQuery("SELECT id FROM registration.appeal WHERE id = ? AND election_id = ? FOR UPDATE")
                .setParameter(1, appealId).setParameter(2, electionId.toString()).getResultList();
        if (locked.isEmpty()) {
            throw new NotFoundException("appeal", "this election has no appeal with this id");
        }
        return find(appealId);
    }

    /** Records an organizer's decision: {@code UPHELD}, {@code REINSTATED} or {@code REINSTATEMENT_PROPOSED}. */
    public AppealView decided(UUID appealId, String status, String organizer, String note) {
        String kept = note == null ? null : note.strip();
        if (kept != null && kept.length() > MAX_NOTE) {
            throw new InvalidInputException("note", "a note has at most " + MAX_NOTE + " characters");
        }
        int changed = em.createNativeQuery("UPDATE registration.appeal SET status = ?, decided_by = ?, decided_at = ?, note = ?"
                        + " WHERE id = ? AND status = 'FILED'")
                .setParameter(1, status).setParameter(2, organizer).setParameter(3, utc(clock.instant()))
                .setParameter(4, kept == null || kept.isEmpty() ? null : kept).setParameter(5, appealId).executeUpdate();
        if (changed != 1) {
            throw new ConflictException("appeal", "this appeal was already decided");
        }
        return find(appealId);
    }

    /** Records a bailiff's confirmation of a proposed reinstatement. */
    public AppealView confirmed(UUID appealId, String bailiff) {
        int changed = em.createNativeQuery("UPDATE registration.appeal SET status = 'REINSTATED', confirmed_by = ?,"
                        + " confirmed_at = ? WHERE id = ? AND status = 'REINSTATEMENT_PROPOSED'")
                .setParameter(1, bailiff).setParameter(2, utc(clock.instant())).setParameter(3, appealId).executeUpdate();
        if (changed != 1) {
            throw new ConflictException("appeal", "no reinstatement of this appeal waits for a bailiff");
        }
        return find(appealId);
    }

    @SuppressWarnings("unchecked")
    private Optional<AppealView> latest(UUID registrantId) {
        List<Object[]> rows = em.createNativeQuery(SELECT + " WHERE a.registrant_id = ? ORDER BY a.filed_at DESC LIMIT 1")
                .setParameter(1, registrantId.toString()).getResultList();
        return rows.stream().findFirst().map(Appeals::view);
    }

    @SuppressWarnings("unchecked")
    private AppealView find(UUID id) {
        List<Object[]> rows = em.createNativeQuery(SELECT + " WHERE a.id = ?").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(Appeals::view)
                .orElseThrow(() -> new NotFoundException("appeal", "no appeal has this id"));
    }

    private Registrant authorized(UUID registrantId, String resumeToken, LockModeType lock) {
        Registrant registrant = registrantId == null ? null : em.find(Registrant.class, registrantId.toString(), lock);
        if (registrant == null || !Tokens.matches(resumeToken, registrant.resumeTokenHash())) {
            throw new NotFoundException("id", "no registration matches this link");
        }
        if (registrant.status() != RegistrantStatus.STRUCK_OFF) {
            throw new ConflictException("id", "this registration was not struck off the roll: there is nothing to appeal");
        }
        return registrant;
    }

    private Instant struckOffAt(Registrant registrant) {
        Object at = em.createNativeQuery("SELECT struck_off_at FROM registration.registrant WHERE id = ?")
                .setParameter(1, registrant.id().toString()).getSingleResult();
        return instant(at);
    }

    private String reason(Registrant registrant) {
        return (String) em.createNativeQuery("SELECT struck_off_reason FROM registration.registrant WHERE id = ?")
                .setParameter(1, registrant.id().toString()).getSingleResult();
    }

    private static AppealView view(Object[] row) {
        return new AppealView(row[0].toString(), (String) row[1], (String) row[2], (String) row[3], instant(row[4]),
                instant(row[5]), (String) row[6], (String) row[7], row[8] == null ? null : instant(row[8]),
                (String) row[9], (String) row[10], (String) row[11],
                row[12] == null ? null : new org.openprimary.registration.entity.HelpCode(((String) row[12]).strip()).display(),
                org.openprimary.registration.control.SupportMasks.name((String) row[13], (String) row[14]));
    }


}
