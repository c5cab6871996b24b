package org.openprimary.voting.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The admin audit trail: every state-changing admin request, accepted or refused, with who made
 * it, on which election, and its outcome. Each entry is chained to the previous one by SHA-256
 * ({@code hash = SHA-256(prev_hash "\n" seq "\n" at "\n" actor "\n" action "\n" election "\n" status "\n" outcome "\n")});
 * the table refuses updates and deletes. Entries are written in a transaction of their own, so a
 * refused request is recorded although its own change rolled back.
 */
@Stateless
public class AuditTrail {

    static final String FIRST = "0".repeat(64);

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @Inject
    Clock clock;

    /** One audited request, as the console shows it. */
    public record Entry(long seq, Instant at, String actor, String action, String electionId, int status,
            String outcome, String hash) {
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String actor, String action, String electionId, int status, String outcome) {
        // One writer at a time: the chain has one head.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('voting.audit'))").getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> last = em.createNativeQuery("SELECT seq, hash FROM voting.audit_entry ORDER BY seq DESC LIMIT 1")
                .getResultList();
        long seq = last.isEmpty() ? 1 : ((Number) last.get(0)[0]).longValue() + 1;
        String previous = last.isEmpty() ? FIRST : ((String) last.get(0)[1]).strip();
        Instant at = clock.instant();
        String who = cut(actor == null ? "anonymous" : actor, 64);
        String what = cut(action, 200);
        String why = cut(outcome == null ? "" : outcome, 400);
        String hash = hash(previous, seq, at, who, what, electionId, status, why);
        em.createNativeQuery("INSERT INTO voting.audit_entry (seq, at, actor, action, election_id, status, outcome,"
                + " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .setParameter(1, seq).setParameter(2, Timestamp.from(at)).setParameter(3, who).setParameter(4, what)
                .setParameter(5, electionId).setParameter(6, status).setParameter(7, why).setParameter(8, previous)
                .setParameter(9, hash).executeUpdate();
    }

    /** The newest entries, for one election or all, newest first (at most 500). */
    @SuppressWarnings("unchecked")
    public List<Entry> entries(String electionId, int limit) {
        String where = electionId == null || electionId.isBlank() ? "" : " WHERE election_id = ?";
        var query = em.createNativeQuery("SELECT seq, at, actor, action, election_id, status, outcome, hash"
                + " FROM voting.audit_entry" + where + " ORDER BY seq DESC LIMIT " + Math.max(1, Math.min(limit, 500)));
        if (!where.isEmpty()) {
            query.setParameter(1, electionId.strip());
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), org.openprimary.voting.control.Digests.instant(r[1]), (String) r[2],
                (String) r[3], (String) r[4], ((Number) r[5]).intValue(), (String) r[6], ((String) r[7]).strip()))
                .toList();
    }

    /** Recomputes the whole chain; the first broken entry's number, or 0 when it holds. */
    @SuppressWarnings("unchecked")
    public long firstBrokenEntry() {
        List<Object[]> rows = em.createNativeQuery("SELECT seq, at, actor, action, election_id, status, outcome,"
                + " prev_hash, hash FROM voting.audit_entry ORDER BY seq").getResultList();
        String previous = FIRST;
        long expected = 1;
        for (Object[] r : rows) {
            long seq = ((Number) r[0]).longValue();
            String hash = hash(previous, seq, org.openprimary.voting.control.Digests.instant(r[1]), (String) r[2], (String) r[3], (String) r[4],
                    ((Number) r[5]).intValue(), (String) r[6]);
            if (seq != expected || !previous.equals(((String) r[7]).strip()) || !hash.equals(((String) r[8]).strip())) {
                return seq;
            }
            previous = hash;
            expected++;
        }
        return 0;
    }

    static String hash(String previous, long seq, Instant at, String actor, String action, String election, int status,
            String outcome) {
        String text = previous + "\n" + seq + "\n" + at + "\n" + actor + "\n" + action + "\n"
                + (election == null ? "" : election) + "\n" + status + "\n" + outcome + "\n";
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
