package org.openprimary.voting.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.openprimary.common.InvalidInputException;

/**
 * Someone who signs in to the admin console: an organizer, a bailiff, a trustee, an operator or an
 * auditor. Only a password hash is kept, and the TOTP secret of their second factor.
 */
@Entity
@Table(name = "admin_account", schema = "voting")
@NamedQuery(name = AdminAccount.COUNT, query = "SELECT COUNT(a) FROM AdminAccount a")
public class AdminAccount {

    public static final String COUNT = "AdminAccount.count";

    /** What an account may do in the console. */
    public enum Role {
        ORGANIZER,
        BAILIFF,
        TRUSTEE,
        /** Hotline support: roll look-ups and message history, no power over an election. */
        OPERATOR,
        /** Reads everything, the audit trail included, and changes nothing. */
        AUDITOR;

        /** The role name used by Jakarta Security and the console's access rules. */
        public String roleName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Id
    @Column(name = "username", length = 64)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(name = "roles", nullable = false, length = 200)
    private String roles;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "totp_secret", length = 64)
    private String totpSecret;

    @Column(name = "totp_pending_secret", length = 64)
    private String totpPendingSecret;

    @Column(name = "totp_enrolled_at")
    private Instant totpEnrolledAt;

    @Column(name = "totp_last_step")
    private Long totpLastStep;

    @Column(name = "password_initial", nullable = false)
    private boolean passwordInitial;

    protected AdminAccount() {
        // for JPA
    }

    public AdminAccount(String username, String passwordHash, Set<Role> roles, Clock clock) {
        if (username == null || !username.matches("[a-z][a-z0-9._-]{2,63}")) {
            throw new InvalidInputException("username",
                    "a username is 3 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInputException("roles", "an account needs at least one role");
        }
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
        this.createdAt = clock.instant();
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Set<Role> roles() {
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(",")).map(Role::valueOf).forEach(parsed::add);
        return parsed;
    }

    /** Whether the account has confirmed a TOTP second factor. */
    public boolean hasSecondFactor() {
        return totpSecret != null;
    }

    public String secondFactorSecret() {
        return totpSecret;
    }

    public String pendingSecondFactorSecret() {
        return totpPendingSecret;
    }

    /** Offers a new secret at enrolment; the enrolled one (if any) stays until a code confirms the new one. */
    public void offerSecondFactor(String secret) {
        this.totpPendingSecret = secret;
    }

    /** A code of the offered secret was right: it becomes the account's second factor. */
    public void confirmSecondFactor(long step, Instant now) {
        if (totpPendingSecret == null) {
            throw new IllegalStateException("no second factor offered");
        }
        this.totpSecret = totpPendingSecret;
        this.totpPendingSecret = null;
        this.totpEnrolledAt = now;
        this.totpLastStep = step;
    }

    /** The last 30-second step whose code was accepted, or -1. */
    public long lastSecondFactorStep() {
        return totpLastStep == null ? -1 : totpLastStep;
    }

    public void acceptedSecondFactorStep(long step) {
        this.totpLastStep = step;
    }

    /** Forgets the second factor (a lost phone): the next sign-in enrols a new one. */
    public void resetSecondFactor() {
        this.totpSecret = null;
        this.totpPendingSecret = null;
        this.totpEnrolledAt = null;
        this.totpLastStep = null;
    }

    /** Whether the password was set by someone else and its owner must choose their own. */
    public boolean passwordInitial() {
        return passwordInitial;
    }

    /** The password was set by an organizer: its owner replaces it at their first sign-in. */
    public void markPasswordInitial() {
        this.passwordInitial = true;
    }

    public void changePassword(String newHash) {
        this.passwordHash = newHash;
        this.passwordInitial = false;
    }
}
