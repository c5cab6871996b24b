package org.openprimary.registration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * A code sent by the demo's console stand-in instead of an SMS: an organizer reads it in the
 * console. Never used with the real provider.
 */
@Entity
@Table(name = "console_code", schema = "registration")
@NamedQuery(name = ConsoleCode.COUNT_SENT_SINCE,
        query = "SELECT COUNT(c) FROM ConsoleCode c WHERE c.phone = :phone AND c.createdAt > :since")
@NamedQuery(name = ConsoleCode.FIRST_SENT_SINCE,
        query = "SELECT c FROM ConsoleCode c WHERE c.phone = :phone AND c.createdAt > :since ORDER BY c.createdAt, c.id")
@NamedQuery(name = ConsoleCode.FIND_CURRENT,
        query = "SELECT c FROM ConsoleCode c WHERE c.phone = :phone AND c.used = false AND c.expiresAt > :now"
                + " ORDER BY c.createdAt DESC, c.id DESC")
@NamedQuery(name = ConsoleCode.DELETE_FOR_PHONE, query = "DELETE FROM ConsoleCode c WHERE c.phone = :phone")
@NamedQuery(name = ConsoleCode.FIND_FOR_PHONE,
        query = "SELECT c FROM ConsoleCode c WHERE c.phone = :phone ORDER BY c.createdAt DESC, c.id DESC")
@NamedQuery(name = ConsoleCode.FIND_RECENT,
        query = "SELECT c FROM ConsoleCode c ORDER BY c.createdAt DESC, c.id DESC")
public class ConsoleCode {

    public static final String COUNT_SENT_SINCE = "ConsoleCode.countSentSince";
    public static final String FIRST_SENT_SINCE = "ConsoleCode.firstSentSince";
    public static final String FIND_CURRENT = "ConsoleCode.findCurrent";
    public static final String FIND_RECENT = "ConsoleCode.findRecent";
    public static final String FIND_FOR_PHONE = "ConsoleCode.findForPhone";
    public static final String DELETE_FOR_PHONE = "ConsoleCode.deleteForPhone";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "phone_e164", nullable = false, length = 16)
    private String phone;

    @Column(name = "code", nullable = false, length = 6)
    private String code;

    @Column(name = "channel", nullable = false, length = 5)
    private String channel;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "checks", nullable = false)
    private int checks;

    @Column(name = "used", nullable = false)
    private boolean used;

    protected ConsoleCode() {
        // for JPA
    }

    public ConsoleCode(String phone, String code, String channel, Instant at, Instant expiresAt) {
        this.phone = phone;
        this.code = code;
        this.channel = channel;
        this.createdAt = at;
        this.expiresAt = expiresAt;
    }

    /** Counts one check; a right code is used up. */
    public boolean check(String candidate) {
        checks++;
        boolean right = candidate != null && MessageDigest.isEqual(
                code.getBytes(StandardCharsets.US_ASCII), candidate.strip().getBytes(StandardCharsets.US_ASCII));
        if (right) {
            used = true;
        }
        return right;
    }

    public int checks() {
        return checks;
    }

    public String phone() {
        return phone;
    }

    public String code() {
        return code;
    }

    public String channel() {
        return channel;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean used() {
        return used;
    }
}
