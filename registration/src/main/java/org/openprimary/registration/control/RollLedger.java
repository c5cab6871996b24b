package org.openprimary.registration.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openprimary.common.ConflictException;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.entity.LedgerEntry;

/**
 * Appends to an election's roll ledger and answers questions about it. Appends to one election's
 * ledger are serialized by a lock on its registration window, so the chain never forks.
 */
@Stateless
public class RollLedger {

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    @Inject
    Clock clock;

    /** What only an open registration does: after the close, the roll the seal covers changes no more. */
    static final Set<LedgerEntry.Kind> WHILE_OPEN = EnumSet.of(LedgerEntry.Kind.REGISTERED,
            LedgerEntry.Kind.FACTOR_VERIFIED, LedgerEntry.Kind.ADDED_TO_ROLL, LedgerEntry.Kind.REFUSED_DUPLICATE,
            LedgerEntry.Kind.WITHDRAWN, LedgerEntry.Kind.WITHDRAWN_FROM_ROLL, LedgerEntry.Kind.MEMBER_IMPORTED,
            LedgerEntry.Kind.FEE_PAID, LedgerEntry.Kind.FEE_REFUND_DUE);

    /** Appends within the caller's transaction: the entry exists only if the change it explains does. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public LedgerEntry append(UUID electionId, LedgerEntry.Kind kind, String detail) {
        // FOR NO KEY UPDATE, not FOR UPDATE: it serializes appends, yet does not conflict with the
        // KEY SHARE lock that inserting a registrant (a foreign key to the window) already holds,
        // so two registrations cannot deadlock by upgrading their locks.
        List<?> locked = em.createNativeQuery("SELECT closed_at FROM registration.registration_window"
                        + " WHERE election_id = ?1 FOR NO KEY UPDATE")
                .setParameter(1, electionId.toString())
                .getResultList();
        if (locked.isEmpty()) {
            throw new NotFoundException("electionId", "no election with this id is open for registration");
        }
        // Checked again under the lock the close takes too: a registration that saw the window open
        // before the close committed must not add to a roll that is now frozen for the seal.
        if (locked.get(0) != null && WHILE_OPEN.contains(kind)) {
            throw new ConflictException("electionId", "the registration of this election is closed");
        }
        LedgerEntry next = last(electionId)
                .map(previous -> previous.next(kind, detail, clock.instant()))
                .orElseGet(() -> LedgerEntry.first(electionId, kind, detail, clock.instant()));
        em.persist(next);
        return next;
    }

    /** Appends in a transaction of its own: for events whose cause was rolled back (a refused duplicate). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public LedgerEntry appendAlone(UUID electionId, LedgerEntry.Kind kind, String detail) {
        return append(electionId, kind, detail);
    }

    public Optional<LedgerEntry> last(UUID electionId) {
        return em.createNamedQuery(LedgerEntry.FIND_LAST, LedgerEntry.class)
                .setParameter("election", electionId.toString())
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** The last entry recorded at or before {@code at}, if any. */
    public Optional<LedgerEntry> lastAt(UUID electionId, Instant at) {
        return em.createNamedQuery(LedgerEntry.FIND_LAST_AT, LedgerEntry.class)
                .setParameter("election", electionId.toString())
                .setParameter("at", at)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** How many entries of each kind were recorded after {@code from} and up to {@code to}. */
    public Map<LedgerEntry.Kind, Long> changes(UUID electionId, Instant from, Instant to) {
        Map<LedgerEntry.Kind, Long> counts = new EnumMap<>(LedgerEntry.Kind.class);
        List<Object[]> rows = em.createNamedQuery(LedgerEntry.COUNT_KINDS_BETWEEN, Object[].class)
                .setParameter("election", electionId.toString())
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList();
        for (Object[] row : rows) {
            counts.put(LedgerEntry.Kind.valueOf((String) row[0]), ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** How many entries of this kind the election's ledger holds. */
    public long count(UUID electionId, LedgerEntry.Kind kind) {
        return em.createNamedQuery(LedgerEntry.COUNT_KIND, Long.class)
                .setParameter("election", electionId.toString())
                .setParameter("kind", kind.name())
                .getSingleResult();
    }

    /** At most {@code max} entries before the one numbered {@code before} (none: the newest), newest first. */
    public List<LedgerEntry> latest(UUID electionId, long before, int max) {
        return em.createNamedQuery(LedgerEntry.FIND_BEFORE, LedgerEntry.class)
                .setParameter("election", electionId.toString())
                .setParameter("before", before)
                .setMaxResults(max)
                .getResultList();
    }

    public List<LedgerEntry> entries(UUID electionId) {
        return em.createNamedQuery(LedgerEntry.FIND_BY_ELECTION, LedgerEntry.class)
                .setParameter("election", electionId.toString())
                .getResultList();
    }
}
