package org.openprimary.voting.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openprimary.common.ConflictException;

/**
 * One trustee of an election, by position (the x-coordinate of their Shamir share) and account.
 * What the server keeps: the salt and public key their passphrase derives, and their sealed share
 * only until they download it.
 */
@Entity
@Table(name = "trustee", schema = "voting")
@IdClass(Trustee.Key.class)
@NamedQuery(name = Trustee.FIND_BY_ELECTION,
        query = "SELECT t FROM Trustee t WHERE t.electionId = :election ORDER BY t.position")
public class Trustee {

    public static final String FIND_BY_ELECTION = "Trustee.findByElection";

    @Id
    @Column(name = "election_id", length = 36)
    private String electionId;

    @Id
    @Column(name = "position")
    private int position;

    @Column(name = "username", nullable = false, length = 64)
    private String username;

    @Column(name = "salt")
    private byte[] salt;

    @Column(name = "public_key")
    private byte[] publicKey;

    @Column(name = "enrolled_at")
    private Instant enrolledAt;

    @Column(name = "sealed_share")
    private byte[] sealedShare;

    @Column(name = "share_hash", length = 64)
    private String shareHash;

    @Column(name = "share_issued_at")
    private Instant shareIssuedAt;

    @Column(name = "share_collected_at")
    private Instant shareCollectedAt;

    protected Trustee() {
        // for JPA
    }

    public Trustee(ElectionId election, int position, String username) {
        this.electionId = election.toString();
        this.position = position;
        this.username = username;
    }

    /**
     * The trustee chose a passphrase; a new one replaces the old (the election decides when that is
     * allowed). A share already issued stays sealed to the old passphrase until the key is made anew.
     */
    public void enrol(byte[] salt, byte[] publicKey, Clock clock) {
        this.salt = salt.clone();
        this.publicKey = publicKey.clone();
        this.enrolledAt = clock.instant();
    }

    /**
     * The trustee's share, sealed to their passphrase, waits for them to download it once (the share
     * file carries the salt it was sealed under, so a later change of passphrase cannot strand it).
     */
    public void issueShare(byte[] sealed, String hash, Clock clock) {
        if (publicKey == null) {
            throw new ConflictException("trustee", "trustee " + username + " has not chosen a passphrase");
        }
        this.sealedShare = sealed.clone();
        this.shareHash = hash;
        this.shareIssuedAt = clock.instant();
        this.shareCollectedAt = null;
    }

    /** Hands the sealed share over, once, and forgets it. */
    public byte[] collectShare(Clock clock) {
        if (sealedShare == null) {
            throw new ConflictException("share", shareCollectedAt != null
                    ? "this share was already downloaded on " + shareCollectedAt + "; the server no longer has it"
                    : "no share is issued yet: it is made when the bailiff confirms the seal");
        }
        byte[] share = sealedShare;
        sealedShare = null;
        shareCollectedAt = clock.instant();
        return share;
    }

    public int position() {
        return position;
    }

    public String username() {
        return username;
    }

    public boolean enrolled() {
        return publicKey != null;
    }

    public Optional<byte[]> salt() {
        return Optional.ofNullable(salt).map(byte[]::clone);
    }

    public Optional<byte[]> publicKey() {
        return Optional.ofNullable(publicKey).map(byte[]::clone);
    }

    public Optional<String> shareHash() {
        return Optional.ofNullable(shareHash);
    }

    public Optional<Instant> enrolledAt() {
        return Optional.ofNullable(enrolledAt);
    }

    public Optional<Instant> shareIssuedAt() {
        return Optional.ofNullable(shareIssuedAt);
    }

    public Optional<Instant> shareCollectedAt() {
        return Optional.ofNullable(shareCollectedAt);
    }

    /** The composite key: election and position. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String electionId;
        private int position;

        public Key() {
        }

        public Key(String electionId, int position) {
            this.electionId = electionId;
            this.position = position;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.position == position && Objects.equals(k.electionId, electionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(electionId, position);
        }
    }
}
