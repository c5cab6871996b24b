package org.openprimary.registration.control;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openprimary.registration.entity.LedgerEntry;
import org.openprimary.registration.entity.Registrant;
import org.openprimary.registration.entity.RegistrantStatus;
import org.openprimary.registration.entity.RegistrationWindow;

/**
 * Carries a second round's roll over from its first round one batch per transaction, so a national
 * roll (two million voters) is copied in short steps rather than in the opening's one transaction.
 * The first round's voters are read in id order from the window's cursor; a batch inserts their
 * copies, appends one {@code CARRIED_OVER} (or {@code NOT_CARRIED_OVER}) ledger entry each through
 * {@link RollLedger}, and moves the cursor and the counts, all in one commit: a crash loses the
 * whole batch or nothing, and the next batch starts exactly where the last committed one stopped.
 * Several instances may run it at once: a batch claims the second round's window with
 * {@code FOR NO KEY UPDATE SKIP LOCKED} (the lock {@link RollLedger#append} takes anyway), so one
 * instance carries while the others pass over it; a unique index on the copies' first-round
 * registration is the database's last word that nobody is carried twice. The first round's roll
 * does not move meanwhile: it is counted (no strike-off or reinstatement after the close), a
 * withdrawal after its seal only marks the voter (left out, {@code NOT_CARRIED_OVER}), and the
 * retention purge waits for the carry-over ({@link RetentionPurge}).
 */
@Stateless
public class RollCarryOver {

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    @EJB
    RollLedger ledger;

    @EJB
    HelpCodes helpCodes;

    @Inject
    Clock clock;

    /** One batch's outcome: whom it carried and left out, whether the carry-over is done. */
    public record Batch(UUID electionId, int carried, int leftOut, boolean finished) {
    }

    /**
     * Carries at most {@code max} more of the first round's voters into the second round
     * {@code electionId}.
     *
     * @return the batch, or nothing when this election has no carry-over left to run (not a second
     *         round, finished, or another instance holds it now)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Batch> carryNext(UUID electionId, int max) {
        List<?> claimed = em.createNativeQuery("SELECT election_id FROM registration.registration_window"
                        + " WHERE election_id = ?1 AND carried_from IS NOT NULL AND carry_done_at IS NULL"
                        + " FOR NO KEY UPDATE SKIP LOCKED")
                .setParameter(1, electionId.toString())
                .getResultList();
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        RegistrationWindow window = em.find(RegistrationWindow.class, electionId.toString());
        UUID firstRound = window.carriedFrom().orElseThrow();
        RegistrationWindow first = em.find(RegistrationWindow.class, firstRound.toString());
        if (first == null || first.purgedAt().isPresent()) {
            throw new IllegalStateException("the first round's personal data were purged: its roll cannot be carried"
                    + " over any further");
        }
        List<Registrant> voters = em.createNamedQuery(Registrant.FIND_ON_ROLL_AFTER, Registrant.class)
                .setParameter("election", firstRound.toString())
                .setParameter("onRoll", RegistrantStatus.ON_ROLL)
                .setParameter("after", window.carryCursor())
                .setMaxResults(max)
                .getResultList();
        int carried = 0;
        int leftOut = 0;
        for (Registrant voter : voters) {
            if (voter.erasureRequestedAt().isPresent()) {
                ledger.append(electionId, LedgerEntry.Kind.NOT_CARRIED_OVER,
                        "not carried over from " + firstRound + ": erasure requested after its seal");
                leftOut++;
                continue;
            }
            em.persist(voter.carriedOver(electionId, Tokens.hash(Tokens.random()), helpCodes.fresh(),
                    window.openedAt()));
            // flushed one by one: the next help code is checked fresh against the table
            em.flush();
            ledger.append(electionId, LedgerEntry.Kind.CARRIED_OVER, "carried over from " + firstRound);
            carried++;
        }
        boolean finished = voters.size() < max;
        String cursor = voters.isEmpty() ? null : voters.get(voters.size() - 1).id().toString();
        window.carriedBatch(cursor, carried, leftOut, finished ? clock.instant() : null);
        return Optional.of(new Batch(electionId, carried, leftOut, finished));
    }

    /** Says on the window why the last batch stopped (its own transaction: the batch was rolled back). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void stalled(UUID electionId, String why) {
        String said = why == null || why.isBlank() ? "the last batch failed" : why.strip();
        em.createNativeQuery("UPDATE registration.registration_window SET carry_stalled = ?2"
                        + " WHERE election_id = ?1 AND carry_done_at IS NULL")
                .setParameter(1, electionId.toString())
                .setParameter(2, said.length() <= 300 ? said : said.substring(0, 299) + "…")
                .executeUpdate();
    }

    /** The second rounds whose carry-over is not done, oldest first: for the timer that takes them up again. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<UUID> unfinished() {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("SELECT election_id FROM registration.registration_window"
                        + " WHERE carried_from IS NOT NULL AND carry_done_at IS NULL ORDER BY opened_at, election_id")
                .getResultList();
        return ids.stream().map(UUID::fromString).toList();
    }
}
