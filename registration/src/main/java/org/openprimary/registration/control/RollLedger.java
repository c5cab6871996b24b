package org.openprimary.registration.control;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
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
import org.openprimary.common.persistence.NativeTimes;
import org.openprimary.registration.entity.LedgerEntry;

/**
 * Appends to an election's roll ledger and answers questions about it. Appends to one election's
 * ledger are serialized by a lock on its registration window, so the chain never forks.
 *
 * <p>What registrations do by the thousand (register, verify a factor, join the roll, be refused as
 * a duplicate, pay the fee) is {@linkplain #record recorded} instead: one row in the intake under a
 * lock that registrations share, linked into the chain a moment later by {@link LedgerChainer} (on
 * a timer, before any other append, at the close and before any read of the ledger). Every read
 * here chains what is pending first, so what it answers counts every event committed before it.
 */
@Stateless
public class RollLedger {

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    LedgerChainer chainer;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** The kinds registrations record by the thousand: they go through the intake ({@link #record}). */
    public static final Set<LedgerEntry.Kind> RECORDED = EnumSet.of(LedgerEntry.Kind.REGISTERED,
            LedgerEntry.Kind.FACTOR_VERIFIED, LedgerEntry.Kind.ADDED_TO_ROLL, LedgerEntry.Kind.REFUSED_DUPLICATE,
            LedgerEntry.Kind.FEE_PAID);

    /**
     * What else only an open registration does (every kind {@linkplain #RECORDED recorded} too): after
     * the close, the roll the seal covers changes no more.
     */
    static final Set<LedgerEntry.Kind> WHILE_OPEN = EnumSet.of(LedgerEntry.Kind.WITHDRAWN,
            LedgerEntry.Kind.WITHDRAWN_FROM_ROLL, LedgerEntry.Kind.MEMBER_IMPORTED, LedgerEntry.Kind.FEE_REFUND_DUE);

    /**
     * Records a registration's event within the caller's transaction (it exists only if the change it
     * explains does), to be chained shortly. The window's KEY SHARE lock does not make registrations
     * wait on each other, but the close's lock waits for those in flight, and a registration that
     * comes after the close committed finds it closed: the frozen roll's ledger is whole.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(UUID electionId, LedgerEntry.Kind kind, String detail) {
        if (!RECORDED.contains(kind)) {
            throw new IllegalArgumentException(kind + " entries are appended, not recorded");
        }
        // one statement: the window's KEY SHARE lock, its "still open?" and the insert
        int recorded = em.createNativeQuery("INSERT INTO registration.roll_ledger_intake (election_id, kind, detail,"
                        + " recorded_at) SELECT election_id, ?2, ?3, ?4 FROM registration.registration_window"
                        + " WHERE election_id = ?1 AND closed_at IS NULL FOR KEY SHARE")
                .setParameter(1, electionId.toString()).setParameter(2, kind.name()).setParameter(3, detail)
                .setParameter(4, NativeTimes.utc(clock.instant()))
                .executeUpdate();
        if (recorded == 0) {
            if (em.createNativeQuery("SELECT 1 FROM registration.registration_window WHERE election_id = ?1")
                    .setParameter(1, electionId.toString()).getResultList().isEmpty()) {
                throw new NotFoundException("electionId", "no election with this id is open for registration");
            }
            throw new ConflictException("electionId", "the registration of this election is closed");
        }
    }

    /** Records in a transaction of its own: for events whose cause was rolled back (a refused duplicate). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordAlone(UUID electionId, LedgerEntry.Kind kind, String detail) {
        record(electionId, kind, detail);
    }

    /**
     * Appends within the caller's transaction: the entry exists only if the change it explains does.
     * What is pending in the intake is chained first, under the same lock.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public LedgerEntry append(UUID electionId, LedgerEntry.Kind kind, String detail) {
        if (RECORDED.contains(kind)) {
            throw new IllegalArgumentException(kind + " entries are recorded, not appended");
        }
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
        chainer.chainLocked(electionId);
        Instant now = clock.instant();
        LedgerEntry next = lastChained(electionId)
                .map(previous -> previous.next(kind, detail, now.isBefore(previous.recordedAt())
                        ? previous.recordedAt() : now))
                .orElseGet(() -> LedgerEntry.first(electionId, kind, detail, now));
        em.persist(next);
        return next;
    }

    /**
     * Chains the election's pending events before a read: in the caller's transaction when there is
     * one (it may hold the window's lock already: a transaction of its own would wait for it forever),
     * else in a transaction of its own. Nothing pending (always so once registration closed): no lock.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void settle(UUID electionId) {
        if (!chainer.hasPending(electionId)) {
            return;
        }
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            chainer.lockAndChain(electionId);
        } else {
            chainer.settle(electionId);
        }
    }

    /**
     * The number of voters on the roll now, without chaining: the last entry's figure and the pending
     * events that add to it (only {@code ADDED_TO_ROLL} among the kinds recorded moves the roll).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long rollSizeNow(UUID electionId) {
        long chained = lastChained(electionId).map(LedgerEntry::rollSize).orElse(0L);
        Number pending = (Number) em.createNativeQuery("SELECT count(*) FROM registration.roll_ledger_intake"
                + " WHERE election_id = ?1 AND kind = 'ADDED_TO_ROLL'").setParameter(1, electionId.toString())
                .getSingleResult();
        return chained + pending.longValue();
    }

    private Optional<LedgerEntry> lastChained(UUID electionId) {
        return em.createNamedQuery(LedgerEntry.FIND_LAST, LedgerEntry.class)
                .setParameter("election", electionId.toString())
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** The last entry recorded at or before {@code at}, if any. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<LedgerEntry> lastAt(UUID electionId, Instant at) {
        settle(electionId);
        return em.createNamedQuery(LedgerEntry.FIND_LAST_AT, LedgerEntry.class)
                .setParameter("election", electionId.toString())
                .setParameter("at", at)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** How many entries of each kind were recorded after {@code from} and up to {@code to}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<LedgerEntry.Kind, Long> changes(UUID electionId, Instant from, Instant to) {
        settle(electionId);
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
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long count(UUID electionId, LedgerEntry.Kind kind) {
        settle(electionId);
        return em.createNamedQuery(LedgerEntry.COUNT_KIND, Long.class)
                .setParameter("election", electionId.toString())
                .setParameter("kind", kind.name())
                .getSingleResult();
    }

    /** At most {@code max} entries before the one numbered {@code before} (none: the newest), newest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<LedgerEntry> latest(UUID electionId, long before, int max) {
        settle(electionId);
        return em.createNamedQuery(LedgerEntry.FIND_BEFORE, LedgerEntry.class)
                .setParameter("election", electionId.toString())
                .setParameter("before", before)
                .setMaxResults(max)
                .getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<LedgerEntry> entries(UUID electionId) {
        settle(electionId);
        return em.createNamedQuery(LedgerEntry.FIND_BY_ELECTION, LedgerEntry.class)
                .setParameter("election", electionId.toString())
                .getResultList();
    }
}
