package org.openprimary.registration.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.openprimary.registration.entity.LedgerEntry;

/**
 * Links what registrations recorded in {@code registration.roll_ledger_intake} into the roll's
 * hash-chained ledger: under the election's window lock (the one every append takes), it takes the
 * pending rows out, oldest first, appends them as entries and commits both together, so an event is
 * either pending or chained, never both nor lost. An entry keeps the time its event was recorded,
 * or its predecessor's when that is later (a registration that committed after a later one was
 * chained), so the ledger's times never go back.
 */
@Stateless
public class LedgerChainer {

    /** Pending rows taken out per statement; the chaining goes on until none is left. */
    static final int BATCH = 1000;

    /** Entries per INSERT statement (ten parameters each, far under PostgreSQL's 65,535). */
    static final int ROWS_PER_INSERT = 250;

    static final String TAKE = "DELETE FROM registration.roll_ledger_intake WHERE id IN ("
            + "SELECT id FROM registration.roll_ledger_intake WHERE election_id = ?1"
            + " ORDER BY recorded_at, id LIMIT ?2) RETURNING id, kind, detail, recorded_at";

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
        List<Pending> pending = take(electionId);
        if (pending.isEmpty()) {
            return 0; // the usual case of an append: one statement, no read of the last entry
        }
        LedgerEntry last = em.createNamedQuery(LedgerEntry.FIND_LAST, LedgerEntry.class)
                .setParameter("election", electionId.toString()).setMaxResults(1)
                .getResultStream().findFirst()
                .orElseThrow(() -> new IllegalStateException("the ledger of " + electionId + " has no first entry"));
        int chained = 0;
        while (!pending.isEmpty()) {
            List<LedgerEntry> entries = new ArrayList<>(pending.size());
            for (Pending event : pending) {
                Instant at = event.recordedAt().isBefore(last.recordedAt()) ? last.recordedAt() : event.recordedAt();
                last = last.next(event.kind(), event.detail(), at);
                entries.add(last);
            }
            insert(entries);
            chained += entries.size();
            pending = pending.size() < BATCH ? List.of() : take(electionId);
        }
        return chained;
    }

    private record Pending(long id, LedgerEntry.Kind kind, String detail, Instant recordedAt) {
    }

    @SuppressWarnings("unchecked")
    private List<Pending> take(UUID electionId) {
        List<Object[]> rows = em.createNativeQuery(TAKE).setParameter(1, electionId.toString())
                .setParameter(2, BATCH).getResultList();
        List<Pending> pending = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            pending.add(new Pending(((Number) row[0]).longValue(), LedgerEntry.Kind.valueOf((String) row[1]),
                    (String) row[2], instant(row[3])));
        }
        // RETURNING gives no order: the ledger's is the events' own
        pending.sort(Comparator.comparing(Pending::recordedAt).thenComparingLong(Pending::id));
        return pending;
    }

    /** Multi-row INSERTs: one round trip for {@value #ROWS_PER_INSERT} entries. */
    private void insert(List<LedgerEntry> entries) {
        for (int from = 0; from < entries.size(); from += ROWS_PER_INSERT) {
            List<LedgerEntry> chunk = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder("INSERT INTO registration.roll_ledger (election_id, seq, kind,"
                    + " detail, recorded_at, roll_size, registrants, format, prev_hash, hash) VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                int p = i * 10;
                sql.append(i == 0 ? "" : ", ").append("(?").append(p + 1).append(", ?").append(p + 2)
                        .append(", ?").append(p + 3).append(", ?").append(p + 4).append(", ?").append(p + 5)
                        .append(", ?").append(p + 6).append(", ?").append(p + 7).append(", ?").append(p + 8)
                        .append(", ?").append(p + 9).append(", ?").append(p + 10).append(')');
            }
            jakarta.persistence.Query insert = em.createNativeQuery(sql.toString());
            for (int i = 0; i < chunk.size(); i++) {
                LedgerEntry e = chunk.get(i);
                int p = i * 10;
                insert.setParameter(p + 1, e.electionId()).setParameter(p + 2, e.seq())
                        .setParameter(p + 3, e.kind().name()).setParameter(p + 4, e.detail())
                        .setParameter(p + 5, OffsetDateTime.ofInstant(e.recordedAt(), ZoneOffset.UTC))
                        .setParameter(p + 6, e.rollSize()).setParameter(p + 7, e.registrants())
                        .setParameter(p + 8, e.format()).setParameter(p + 9, e.prevHash())
                        .setParameter(p + 10, e.hash());
            }
            insert.executeUpdate();
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("not a time: " + value);
    }
}
