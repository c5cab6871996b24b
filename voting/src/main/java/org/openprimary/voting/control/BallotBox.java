package org.openprimary.voting.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openprimary.tally.control.BoxChain;

/**
 * The voters' marks and the ballot box, in SQL for speed: a cast is one conditional update of
 * the voter's mark and one insert into the box's intake, in the caller's transaction; the
 * checkpointer moves the intake into the hash-chained box (tally's {@link BoxChain}) and signs
 * checkpoints. Ballot rows carry no voter and no time.
 */
@Stateless
public class BallotBox {

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @jakarta.ejb.EJB
    org.openprimary.notifications.boundary.NotificationService notifications;

    @jakarta.inject.Inject
    CastActivity activity;

    /**
     * The prefix of the key (then the voter's id) that withdraws a message meant for a voter who has
     * not voted yet (a reminder), withdrawn with their mark.
     */
    public static final String VOTED_KEY = "voted:";

    /** A voter found by credential: who to ask for the code, and whether they voted. */
    public record VoterRecord(UUID id, UUID registrantId, boolean hasVoted, boolean struckOff) {
    }

    /** A chained ballot's place in the box. */
    public record Entry(long position, String receipt, String head) {
    }

    /** A signed checkpoint. */
    public record Checkpoint(long ballots, String head, Instant at, String signature) {
    }

    static final int VOTER_BATCH = 10_000;

    /**
     * Registers the voters of a sealed roll, in the caller's transaction: one INSERT of up to
     * 10,000 rows at a time (arrays unnested by PostgreSQL), so a national roll takes seconds.
     */
    public void addVoters(String election, List<UUID> voterIds, List<UUID> registrantIds, List<String> credentialHashes) {
        for (int from = 0; from < voterIds.size(); from += VOTER_BATCH) {
            int to = Math.min(voterIds.size(), from + VOTER_BATCH);
            em.createNativeQuery("INSERT INTO voting.voter (id, election_id, registrant_id, credential_hash)"
                    + " SELECT v, ?, r, h FROM unnest(CAST(? AS uuid[]), CAST(? AS uuid[]), CAST(? AS text[])) AS t(v, r, h)")
                    .setParameter(1, election)
                    .setParameter(2, arrayLiteral(voterIds.subList(from, to)))
                    .setParameter(3, arrayLiteral(registrantIds.subList(from, to)))
                    .setParameter(4, arrayLiteral(credentialHashes.subList(from, to)))
                    .executeUpdate();
        }
    }

    /** A PostgreSQL array literal of values that need no quoting (UUIDs, hex). */
    private static String arrayLiteral(List<?> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i).toString();
            if (!value.matches("[0-9a-fA-F-]+")) {
                throw new IllegalArgumentException("not a UUID or hexadecimal value");
            }
            literal.append(i == 0 ? "" : ",").append(value);
        }
        return literal.append('}').toString();
    }

    /** The voters of an election: id and registrant, in a stable order. */
    @SuppressWarnings("unchecked")
    public List<UUID[]> voters(String election) {
        List<Object[]> rows = em.createNativeQuery(
                "SELECT id, registrant_id FROM voting.voter WHERE election_id = ? ORDER BY id")
                .setParameter(1, election).getResultList();
        List<UUID[]> voters = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            voters.add(new UUID[] {(UUID) row[0], (UUID) row[1]});
        }
        return voters;
    }

    /**
     * Which of these registrants may still vote (no mark, not struck off): registrant id to voter id,
     * for the reminders. One statement (the election's unique index on the registrant).
     */
    @SuppressWarnings("unchecked")
    public java.util.Map<UUID, UUID> yetToVote(String election, List<UUID> registrantIds) {
        if (registrantIds.isEmpty()) {
            return java.util.Map.of();
        }
        List<Object[]> rows = em.createNativeQuery("SELECT registrant_id, id FROM voting.voter WHERE election_id = ?"
                        + " AND registrant_id = ANY(CAST(? AS uuid[])) AND NOT has_voted AND struck_off_at IS NULL")
                .setParameter(1, election).setParameter(2, arrayLiteral(registrantIds)).getResultList();
        java.util.Map<UUID, UUID> voters = new java.util.HashMap<>(rows.size() * 2);
        for (Object[] row : rows) {
            voters.put((UUID) row[0], (UUID) row[1]);
        }
        return voters;
    }

    @SuppressWarnings("unchecked")
    public Optional<VoterRecord> voter(String election, String credentialHash) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, registrant_id, has_voted, struck_off_at IS NOT NULL"
                + " FROM voting.voter WHERE election_id = ? AND credential_hash = ?")
                .setParameter(1, election).setParameter(2, credentialHash).getResultList();
        return rows.stream().findFirst()
                .map(r -> new VoterRecord((UUID) r[0], (UUID) r[1], (Boolean) r[2], (Boolean) r[3]));
    }

    /**
     * Sets the voter's mark if it is not set and the voter was not struck off; {@code false}
     * otherwise. Two casts of one voter at the same instant (or a cast and a strike-off) wait on the
     * row: one sets it, the other finds it set. A reminder to vote still queued for the voter is
     * withdrawn in the same transaction.
     */
    public boolean mark(UUID voterId) {
        boolean marked = em.createNativeQuery("UPDATE voting.voter SET has_voted = TRUE WHERE id = ? AND NOT has_voted"
                        + " AND struck_off_at IS NULL")
                .setParameter(1, voterId).executeUpdate() == 1;
        if (marked) {
            activity.cast();
            // A reminder to vote still queued for this voter is pointless now: withdrawn with the mark.
            notifications.withdraw(VOTED_KEY + voterId);
        }
        return marked;
    }

    /**
     * Flags the voter as having signed in (asked for a code): a boolean with no time, set once,
     * never linked to a ballot; it only counts voters who came, for the count's record.
     */
    public void signedIn(UUID voterId) {
        em.createNativeQuery("UPDATE voting.voter SET signed_in = TRUE WHERE id = ? AND NOT signed_in")
                .setParameter(1, voterId).executeUpdate();
    }

    /** Voters who signed in (asked for a code) or voted, and of them those who did not vote. */
    public Attendance attendance(String election) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT count(*), count(*) FILTER (WHERE NOT has_voted)"
                        + " FROM voting.voter WHERE election_id = ? AND (signed_in OR has_voted)")
                .setParameter(1, election).getSingleResult();
        return new Attendance(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    /** Voters who signed in (every voter who voted did), and of them those who did not vote. */
    public record Attendance(long signedIn, long signedInWithoutVoting) {
    }

    /** Puts an encrypted ballot into the box's intake, in the transaction that set the mark. */
    public void accept(String election, byte[] encrypted, String receipt) {
        em.createNativeQuery("INSERT INTO voting.ballot_intake (election_id, encrypted, receipt) VALUES (?, ?, ?)")
                .setParameter(1, election).setParameter(2, encrypted).setParameter(3, receipt).executeUpdate();
    }

    public long marks(String election) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM voting.voter WHERE election_id = ? AND has_voted")
                .setParameter(1, election).getSingleResult()).longValue();
    }

    /** Ballots in the box: chained, and waiting in the intake. */
    public long ballots(String election) {
        return ((Number) em.createNativeQuery("SELECT (SELECT count(*) FROM voting.box_entry WHERE election_id = ?)"
                + " + (SELECT count(*) FROM voting.ballot_intake WHERE election_id = ?)")
                .setParameter(1, election).setParameter(2, election).getSingleResult()).longValue();
    }

    /** Where a receipt is: chained at a position, waiting in the intake (position 0), or absent. */
    @SuppressWarnings("unchecked")
    public Optional<Long> find(String election, String receipt) {
        List<Object> found = em.createNativeQuery(FIND_RECEIPT)
                .setParameter(1, election).setParameter(2, receipt).setParameter(3, election).setParameter(4, receipt)
                .getResultList();
        return found.isEmpty() ? Optional.empty() : Optional.of(((Number) found.get(0)).longValue());
    }

    /**
     * A receipt's position in the chain, or 0 while it waits in the intake: one statement, so one
     * snapshot. (Two queries, the chain then the intake, each saw its own snapshot; a ballot chained
     * between them was in neither, and a voter was told their ballot was not in the box: issue 5's
     * crash drill found 4 such answers among 596 lookups made while the box was chained every 2 s.)
     */
    static final String FIND_RECEIPT = "SELECT position FROM voting.box_entry WHERE election_id = ? AND receipt = ?"
            + " UNION ALL SELECT 0 FROM voting.ballot_intake WHERE election_id = ? AND receipt = ?"
            + " ORDER BY 1 DESC LIMIT 1";

    static final int CHAIN_BATCH = 10_000;

    /**
     * Moves the intake into the chain, under a transaction-scoped advisory lock so that one
     * instance at a time chains an election. The heads are computed here from the receipts; the
     * encrypted ballots move inside PostgreSQL, 10,000 per statement, so a minute of a national
     * peak (180,000 ballots) is chained in a few statements. Returns the number of ballots and the
     * head after them.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    @SuppressWarnings("unchecked")
    public Entry chain(String election, String genesis) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('voting.box:' || ?))")
                .setParameter(1, election).getSingleResult();
        Entry last = last(election).orElse(new Entry(0, null, genesis));
        long position = last.position();
        String head = last.head();
        while (true) {
            List<Object[]> waiting = em.createNativeQuery("SELECT id, receipt FROM voting.ballot_intake"
                    + " WHERE election_id = ? ORDER BY id LIMIT " + CHAIN_BATCH)
                    .setParameter(1, election).getResultList();
            if (waiting.isEmpty()) {
                return new Entry(position, null, head);
            }
            StringBuilder ids = new StringBuilder("{");
            StringBuilder positions = new StringBuilder("{");
            StringBuilder heads = new StringBuilder("{");
            for (int i = 0; i < waiting.size(); i++) {
                Object[] row = waiting.get(i);
                position++;
                head = BoxChain.next(head, position, ((String) row[1]).strip());
                String separator = i == 0 ? "" : ",";
                ids.append(separator).append(((Number) row[0]).longValue());
                positions.append(separator).append(position);
                heads.append(separator).append(head);
            }
            String idArray = ids.append('}').toString();
            int moved = em.createNativeQuery("INSERT INTO voting.box_entry (election_id, position, encrypted, receipt, head)"
                    + " SELECT i.election_id, t.position, i.encrypted, i.receipt, t.head"
                    + " FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[])) AS t(intake, position, head)"
                    + " JOIN voting.ballot_intake i ON i.id = t.intake")
                    .setParameter(1, idArray).setParameter(2, positions.append('}').toString())
                    .setParameter(3, heads.append('}').toString()).executeUpdate();
            int removed = em.createNativeQuery("DELETE FROM voting.ballot_intake WHERE id = ANY(CAST(? AS bigint[]))")
                    .setParameter(1, idArray).executeUpdate();
            if (moved != waiting.size() || removed != waiting.size()) {
                throw new IllegalStateException("the intake changed while it was chained: " + moved + " moved, "
                        + removed + " removed of " + waiting.size());
            }
        }
    }

    @SuppressWarnings("unchecked")
    public Optional<Entry> last(String election) {
        List<Object[]> rows = em.createNativeQuery("SELECT position, receipt, head FROM voting.box_entry"
                + " WHERE election_id = ? ORDER BY position DESC LIMIT 1")
                .setParameter(1, election).getResultList();
        return rows.stream().findFirst().map(r -> new Entry(((Number) r[0]).longValue(), ((String) r[1]).strip(),
                ((String) r[2]).strip()));
    }

    /** Records a signed checkpoint unless one already covers the same number of ballots. */
    public boolean checkpoint(String election, Checkpoint checkpoint) {
        return em.createNativeQuery("INSERT INTO voting.box_checkpoint (election_id, ballots, head, made_at, signature)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .setParameter(1, election).setParameter(2, checkpoint.ballots()).setParameter(3, checkpoint.head())
                .setParameter(4, java.sql.Timestamp.from(checkpoint.at())).setParameter(5, checkpoint.signature())
                .executeUpdate() == 1;
    }

    @SuppressWarnings("unchecked")
    public List<Checkpoint> checkpoints(String election) {
        List<Object[]> rows = em.createNativeQuery("SELECT ballots, head, made_at, signature FROM voting.box_checkpoint"
                + " WHERE election_id = ? ORDER BY ballots")
                .setParameter(1, election).getResultList();
        return rows.stream().map(r -> new Checkpoint(((Number) r[0]).longValue(), ((String) r[1]).strip(),
                Digests.instant(r[2]), (String) r[3])).toList();
    }
}
