package org.openprimary.registration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * One change of an election's roll. Entries are numbered from 1 and each carries the SHA-256
 * hash of its content and of the previous entry's hash, so a removed, reordered or edited entry
 * breaks the chain. The table refuses updates and deletes.
 */
@Entity
@Table(name = "roll_ledger", schema = "registration")
@IdClass(LedgerEntry.Key.class)
@NamedQuery(name = LedgerEntry.FIND_BY_ELECTION,
        query = "SELECT l FROM LedgerEntry l WHERE l.electionId = :election ORDER BY l.seq")
@NamedQuery(name = LedgerEntry.FIND_LAST,
        query = "SELECT l FROM LedgerEntry l WHERE l.electionId = :election ORDER BY l.seq DESC")
public class LedgerEntry {

    public static final String FIND_BY_ELECTION = "LedgerEntry.findByElection";
    public static final String FIND_LAST = "LedgerEntry.findLast";

    /** The hash that the first entry of every ledger links to. */
    public static final String GENESIS = "0".repeat(64);

    /** What changed the roll. */
    public enum Kind {
        REGISTRATION_OPENED
    }

    @Id
    @Column(name = "election_id", length = 36)
    private String electionId;

    @Id
    @Column(name = "seq")
    private long seq;

    @Column(name = "kind", nullable = false, length = 40)
    private String kind;

    @Column(name = "detail", nullable = false, length = 1000)
    private String detail;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "roll_size", nullable = false)
    private long rollSize;

    @Column(name = "prev_hash", nullable = false, length = 64)
    private String prevHash;

    @Column(name = "hash", nullable = false, length = 64)
    private String hash;

    protected LedgerEntry() {
        // for JPA
    }

    /** The first entry of an election's ledger. */
    public static LedgerEntry first(UUID electionId, Kind kind, String detail, Instant at) {
        return new LedgerEntry(electionId.toString(), 1, kind, detail, at, 0, GENESIS);
    }

    /** The entry after this one, with the roll's new size. */
    public LedgerEntry next(Kind nextKind, String nextDetail, Instant at, long newRollSize) {
        return new LedgerEntry(electionId, seq + 1, nextKind, nextDetail, at, newRollSize, hash);
    }

    private LedgerEntry(String electionId, long seq, Kind kind, String detail, Instant at,
            long rollSize, String prevHash) {
        this.electionId = electionId;
        this.seq = seq;
        this.kind = kind.name();
        this.detail = Objects.requireNonNull(detail);
        this.recordedAt = at.truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
        this.rollSize = rollSize;
        this.prevHash = prevHash;
        this.hash = computeHash();
    }

    /** Recomputes this entry's hash from its content; equal to {@link #hash()} unless tampered. */
    public String computeHash() {
        String content = String.join("\n", prevHash, electionId, Long.toString(seq), kind, detail,
                recordedAt.toString(), Long.toString(rollSize));
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    public long seq() {
        return seq;
    }

    public Kind kind() {
        return Kind.valueOf(kind);
    }

    public String detail() {
        return detail;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public long rollSize() {
        return rollSize;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }

    /** The composite key: election and position in its ledger. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String electionId;
        private long seq;

        public Key() {
        }

        public Key(String electionId, long seq) {
            this.electionId = electionId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && seq == k.seq && Objects.equals(electionId, k.electionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(electionId, seq);
        }
    }
}
