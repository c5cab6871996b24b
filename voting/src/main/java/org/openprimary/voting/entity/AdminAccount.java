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
 * Someone who signs in to the admin console: an organizer, a bailiff or a trustee. Only a
 * password hash is kept.
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
        TRUSTEE;

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
}
