package org.openprimary.registration.control;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openprimary.registration.entity.LedgerEntry;

/**
 * Erases, one batch per transaction, the personal data of an election whose retention deadline has
 * passed. Several instances may run it at once: an election is claimed with
 * {@code FOR UPDATE SKIP LOCKED} on its registration window, so one instance purges it while the
 * others pass over it, and {@code purged_at} makes a finished purge a no-op. The last batch of an
 * election marks it purged and appends {@link LedgerEntry.Kind#PERSONAL_DATA_PURGED} in the same
 * transaction: the purge is done, and said, exactly once. A first round whose roll a second round is
 * still carrying over ({@link RollCarryOver}) waits until the carry-over is done.
 */
@Stateless
public class RetentionPurge {

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    @EJB
    RollLedger ledger;

    /** One batch's outcome: the election, how many registrants it erased, whether the election is done. */
    public record Batch(UUID electionId, int erased, boolean finished) {
    }

    /**
     * Claims one election whose result was published at or before {@code publishedBy} and whose data
     * are still kept, erases at most {@code max} of its registrants (with their call notes, appeals and
     * the demo's codes sent to their phones) and, when none remain, marks it purged.
     *
     * @return the batch, or nothing when no election is due (or every due one is being purged elsewhere)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Batch> purgeNext(Instant publishedBy, Instant now, int max) {
        @SuppressWarnings("unchecked")
        List<String> claimed = em.createNativeQuery("SELECT election_id FROM registration.registration_window"
                        + " WHERE result_at IS NOT NULL AND purged_at IS NULL AND result_at <= ?1"
                        // not while a second round still copies this roll (it waits for the carry-over)
                        + " AND NOT EXISTS (SELECT 1 FROM registration.registration_window s"
                        + "   WHERE s.carried_from = registration_window.election_id AND s.carry_done_at IS NULL)"
                        + " ORDER BY result_at, election_id LIMIT 1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, java.sql.Timestamp.from(publishedBy))
                .getResultList();
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        String election = claimed.get(0);
        // The demo's console codes are keyed by phone only: those of the batch's phones go with them.
        // Call notes and appeals go by their foreign keys' ON DELETE CASCADE.
        int erased = em.createNativeQuery("WITH batch AS (SELECT id, phone_e164 FROM registration.registrant"
                        + "   WHERE election_id = ?1 ORDER BY id LIMIT ?2 FOR UPDATE),"
                        + " codes AS (DELETE FROM registration.console_code c USING batch b"
                        + "   WHERE c.phone_e164 = b.phone_e164 RETURNING c.id)"
                        + " DELETE FROM registration.registrant r USING batch b WHERE r.id = b.id")
                .setParameter(1, election)
                .setParameter(2, max)
                .executeUpdate();
        boolean finished = erased < max;
        if (finished) {
            em.createNativeQuery("UPDATE registration.registration_window SET purged_at = ?2 WHERE election_id = ?1")
                    .setParameter(1, election)
                    .setParameter(2, java.sql.Timestamp.from(now))
                    .executeUpdate();
            ledger.append(UUID.fromString(election), LedgerEntry.Kind.PERSONAL_DATA_PURGED,
                    "retention deadline passed: every registrant's personal data erased");
        }
        return Optional.of(new Batch(UUID.fromString(election), erased, finished));
    }
}
