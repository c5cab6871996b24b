package org.openprimary.registration.control;

import static org.openprimary.common.persistence.NativeTimes.instant;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import org.openprimary.registration.entity.LedgerEntry;

/**
 * Links what registrations recorded in {@code registration.roll_ledger_intake} into the roll's
 * hash-chained ledger: under the election's window lock (the one every append takes), it takes the
 * pending rows, oldest first, appends them as entries and deletes them in one commit, so an event is
 * either pending or chained, never both nor lost. An entry keeps the time its event was recorded,
 * or its predecessor's when that is later (a registration that committed after a later one was
 * chained), so the ledger's times never go back.
 */
@Stateless
public class LedgerChainer {

    /** Pending events chained per round of statements; the chaining goes on until none is left. */
    static final int BATCH = 2000;

    static final String PENDING = "SELECT id, kind, detail, recorded_at FROM registration.roll_ledger_intake"
            + " WHERE election_id = ?1 ORDER BY recorded_at, id LIMIT ?2";

    /**
     * The chained entries of a batch in one statement: their figures as arrays (numbers, times and
     * hashes need no quoting), their kind and detail from the pending rows themselves.
     */
    static final String CHAIN = "INSERT INTO registration.roll_ledger (election_id, seq, kind, detail, recorded_at,"
            + " roll_size, registrants, format, prev_hash, hash)"
            + " SELECT i.election_id, t.seq, i.kind, i.detail, t.recorded_at, t.roll_size, t.registrants, ?1, t.prev_hash,"
            + " t.hash FROM unnest(CAST(?2 AS bigint[]), CAST(?3 AS bigint[]), CAST(?4 AS timestamptz[]),"
            + " CAST(?5 AS bigint[]), CAST(?6 AS bigint[]), CAST(?7 AS text[]), CAST(?8 AS text[]))"
            + " AS t(intake, seq, recorded_at, roll_size, registrants, prev_hash, hash)"
            + " JOIN registration.roll_ledger_intake i ON i.id = t.intake";

    static final String TAKEN = "DELETE FROM registration.roll_ledger_intake WHERE id = ANY(CAST(?1 AS bigint[]))";

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    /** The elections with something pending (the timer's round). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<UUID> pendingElections() {
        List<String> ids = em.createNativeQuery("SELECT DISTINCT election_id FROM registration.roll_ledger_intake")
                .getResultList();
        return ids.stream().map(UUID::fromString).toList();
    }

    /** Whether the election has events not chained yet, as the caller's transaction sees them. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean hasPending(UUID electionId) {
        return !em.createNativeQuery("SELECT 1 FROM registration.roll_ledger_intake WHERE election_id = ?1 LIMIT 1")
                .setParameter(1, electionId.toString()).getResultList().isEmpty();
    }

    /** Chains the election's pending events in a transaction of its own (no caller's transaction holds the lock). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int settle(UUID electionId) {
        return lockAndChain(electionId);
    }

    /** Takes the window's lock in the caller's transaction and chains what is pending. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public int lockAndChain(UUID electionId) {
        List<?> locked = em.createNativeQuery("SELECT election_id FROM registration.registration_window"
                + " WHERE election_id = ?1 FOR NO KEY UPDATE").setParameter(1, electionId.toString()).getResultList();
        return locked.isEmpty() ? 0 : chainLocked(electionId);
    }

    /**
     * Chains the pending events, the caller's transaction already holding the window's lock.
     *
     * @return how many entries were appended
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public int chainLocked(UUID electionId) {
        List<Pending> pending = pending(electionId);
        if (pending.isEmpty()) {
            return 0; // the usual case of an append: one statement, no read of the last entry
        }
        LedgerEntry last = em.createNamedQuery(LedgerEntry.FIND_LAST, LedgerEntry.class)
                .setParameter("election", electionId.toString()).setMaxResults(1)
                .getResultStream().findFirst()
                .orElseThrow(() -> new IllegalStateException("the ledger of " + electionId + " has no first entry"));
        int chained = 0;
        while (!pending.isEmpty()) {
            Arrays arrays = new Arrays();
            for (Pending event : pending) {
                Instant at = event.recordedAt().isBefore(last.recordedAt()) ? last.recordedAt() : event.recordedAt();
                last = last.next(event.kind(), event.detail(), at);
                arrays.add(event.id(), last);
            }
            int moved = em.createNativeQuery(CHAIN).setParameter(1, last.format())
                    .setParameter(2, arrays.ids.toString()).setParameter(3, arrays.seqs.toString())
                    .setParameter(4, arrays.times.toString()).setParameter(5, arrays.rollSizes.toString())
                    .setParameter(6, arrays.registrants.toString()).setParameter(7, arrays.prevHashes.toString())
                    .setParameter(8, arrays.hashes.toString()).executeUpdate();
            int removed = em.createNativeQuery(TAKEN).setParameter(1, arrays.ids.toString()).executeUpdate();
            if (moved != pending.size() || removed != pending.size()) {
                // under the window's lock nobody else takes these rows: this is a defect, and nothing commits
                throw new IllegalStateException("chaining " + pending.size() + " events of " + electionId
                        + " moved " + moved + " and removed " + removed);
            }
            chained += moved;
            pending = pending.size() < BATCH ? List.of() : pending(electionId);
        }
        return chained;
    }

    private record Pending(long id, LedgerEntry.Kind kind, String detail, Instant recordedAt) {
    }

    @SuppressWarnings("unchecked")
    private List<Pending> pending(UUID electionId) {
        List<Object[]> rows = em.createNativeQuery(PENDING).setParameter(1, electionId.toString())
                .setParameter(2, BATCH).getResultList();
        List<Pending> pending = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            pending.add(new Pending(((Number) row[0]).longValue(), LedgerEntry.Kind.valueOf((String) row[1]),
                    (String) row[2], instant(row[3])));
        }
        return pending;
    }

    /** PostgreSQL array literals of a batch's figures: numbers, ISO-8601 times and hexadecimal hashes, none quoted. */
    private static final class Arrays {
        private final StringJoiner ids = new StringJoiner(",", "{", "}");
        private final StringJoiner seqs = new StringJoiner(",", "{", "}");
        private final StringJoiner times = new StringJoiner(",", "{", "}");
        private final StringJoiner rollSizes = new StringJoiner(",", "{", "}");
        private final StringJoiner registrants = new StringJoiner(",", "{", "}");
        private final StringJoiner prevHashes = new StringJoiner(",", "{", "}");
        private final StringJoiner hashes = new StringJoiner(",", "{", "}");

        void add(long intake, LedgerEntry entry) {
            ids.add(Long.toString(intake));
            seqs.add(Long.toString(entry.seq()));
            times.add(entry.recordedAt().toString());
            rollSizes.add(Long.toString(entry.rollSize()));
            registrants.add(Long.toString(entry.registrants()));
            prevHashes.add(entry.prevHash());
            hashes.add(entry.hash());
        }
    }

}
