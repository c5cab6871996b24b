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
@NamedQuery(name = LedgerEntry.FIND_BEFORE,
        query = "SELECT l FROM LedgerEntry l WHERE l.electionId = :election AND l.seq < :before ORDER BY l.seq DESC")
@NamedQuery(name = LedgerEntry.FIND_LAST_AT,
        query = "SELECT l FROM LedgerEntry l WHERE l.electionId = :election AND l.recordedAt <= :at ORDER BY l.seq DESC")
@NamedQuery(name = LedgerEntry.COUNT_KINDS_BETWEEN,
        query = "SELECT l.kind, COUNT(l) FROM LedgerEntry l WHERE l.electionId = :election"
                + " AND l.recordedAt > :from AND l.recordedAt <= :to GROUP BY l.kind")
@NamedQuery(name = LedgerEntry.COUNT_KIND,
        query = "SELECT COUNT(l) FROM LedgerEntry l WHERE l.electionId = :election AND l.kind = :kind")
public class LedgerEntry {

    public static final String COUNT_KIND = "LedgerEntry.countKind";

    public static final String FIND_BY_ELECTION = "LedgerEntry.findByElection";
    public static final String FIND_LAST = "LedgerEntry.findLast";
    public static final String FIND_LAST_AT = "LedgerEntry.findLastAt";
    public static final String FIND_BEFORE = "LedgerEntry.findBefore";
    public static final String COUNT_KINDS_BETWEEN = "LedgerEntry.countKindsBetween";

    /** The hash that the first entry of every ledger links to. */
    public static final String GENESIS = "0".repeat(64);

    /** What happened. Each kind moves the counts in one known way. */
    public enum Kind {
        /** The election's registration opened; the ledger starts. */
        REGISTRATION_OPENED(0, 0),
        /** Someone registered: one more registrant, not yet on the roll. */
        REGISTERED(1, 0),
        /** A registrant verified a factor (the detail names it). */
        FACTOR_VERIFIED(0, 0),
        /** A registrant verified every required factor and is on the roll. */
        ADDED_TO_ROLL(0, 1),
        /** A registration was refused because an identifier was already on this roll. */
        REFUSED_DUPLICATE(0, 0),
        /** A registrant not yet on the roll withdrew; their personal data were erased. */
        WITHDRAWN(-1, 0),
        /** A registrant on the roll withdrew before it was sealed; their personal data were erased. */
        WITHDRAWN_FROM_ROLL(-1, -1),
        /** Registration closed: the roll is frozen for the seal. */
        REGISTRATION_CLOSED(0, 0),
        /** A member of an imported list joined the registrants; they still verify before voting. */
        MEMBER_IMPORTED(1, 0),
        /**
         * A registrant was struck off the roll (the detail gives the reason code): by an organizer
         * before the seal proposal, by an organizer and a bailiff after it.
         */
        STRUCK_OFF(0, -1),
        /** An appeal succeeded: a registrant struck off is on the roll again. */
        REINSTATED(0, 1),
        /**
         * A second round's roll is its first round's frozen roll: one entry per voter carried over
         * from it (the detail names the first round), so the second round's counts come from its ledger.
         */
        CARRIED_OVER(1, 1),
        /**
         * A voter on the first round's roll was not carried over to the second round: they asked for
         * the erasure of their data after the first round's seal (no identity in the detail).
         */
        NOT_CARRIED_OVER(0, 0),
        /**
         * The retention deadline passed: every registrant's personal data were erased. The counts stay
         * what they were: they describe the roll the election used, not the data still kept.
         */
        PERSONAL_DATA_PURGED(0, 0),
        /**
         * A registrant paid the election's participation fee (the detail gives the amount and the
         * currency, never who): the number of fees paid, and so the total collected, is read here.
         */
        FEE_PAID(0, 0),
        /**
         * A registrant who had paid the fee withdrew before the seal: the payment is to be refunded
         * (the accounting record keeps the provider's payment id; no identity here).
         */
        FEE_REFUND_DUE(0, 0);

        private final int registrantsDelta;
        private final int rollDelta;

        Kind(int registrantsDelta, int rollDelta) {
            this.registrantsDelta = registrantsDelta;
            this.rollDelta = rollDelta;
        }

        public int registrantsDelta() {
            return registrantsDelta;
        }

        public int rollDelta() {
            return rollDelta;
        }
    }

    /** The current way entries are hashed: with the number of registrants. */
    static final int FORMAT = 2;

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

    @Column(name = "registrants", nullable = false)
    private long registrants;

    @Column(name = "format", nullable = false)
    private int format;

    @Column(name = "prev_hash", nullable = false, length = 64)
    private String prevHash;

    @Column(name = "hash", nullable = false, length = 64)
    private String hash;

    protected LedgerEntry() {
        // for JPA
    }

    /** The first entry of an election's ledger. */
    public static LedgerEntry first(UUID electionId, Kind kind, String detail, Instant at) {
        return new LedgerEntry(electionId.toString(), 1, kind, detail, at, kind.registrantsDelta(),
                kind.rollDelta(), GENESIS);
    }

    /** The entry after this one: its counts are this entry's moved as its kind says. */
    public LedgerEntry next(Kind nextKind, String nextDetail, Instant at) {
        return new LedgerEntry(electionId, seq + 1, nextKind, nextDetail, at,
                registrants + nextKind.registrantsDelta(), rollSize + nextKind.rollDelta(), hash);
    }

    private LedgerEntry(String electionId, long seq, Kind kind, String detail, Instant at,
            long registrants, long rollSize, String prevHash) {
        this.electionId = electionId;
        this.seq = seq;
        this.kind = kind.name();
        this.detail = Objects.requireNonNull(detail);
        this.recordedAt = at.truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
        this.registrants = registrants;
        this.rollSize = rollSize;
        this.format = FORMAT;
        this.prevHash = prevHash;
        this.hash = computeHash();
    }

    /** Recomputes this entry's hash from its content; equal to {@link #hash()} unless tampered. */
    public String computeHash() {
        String content = String.join("\n", prevHash, electionId, Long.toString(seq), kind, detail,
                recordedAt.toString(), Long.toString(rollSize));
        if (format >= 2) {
            content = content + "\n" + registrants;
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    public String electionId() {
        return electionId;
    }

    public long seq() {
        return seq;
    }

    /** How the entry is hashed ({@link #computeHash()}). */
    public int format() {
        return format;
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

    public long registrants() {
        return registrants;
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
