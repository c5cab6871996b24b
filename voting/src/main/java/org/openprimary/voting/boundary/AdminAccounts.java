package org.openprimary.voting.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.openprimary.common.InvalidInputException;
import org.openprimary.voting.entity.AdminAccount;

/** Accounts of the admin console: who may sign in, with which roles. */
@Stateless
public class AdminAccounts {

    public static final int MIN_PASSWORD_LENGTH = 12;

    private static final Map<String, String> HASH_PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32");

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @Inject
    Pbkdf2PasswordHash hash;

    @Inject
    Clock clock;

    /**
     * The role names of the account when the password is right; empty otherwise. An unknown
     * username costs the same hashing work as a wrong password, so timing does not tell them apart.
     */
    public Optional<Set<String>> authenticate(String username, String password) {
        hash.initialize(HASH_PARAMETERS);
        AdminAccount account = username == null ? null : em.find(AdminAccount.class, username);
        if (account == null) {
            hash.verify(String.valueOf(password).toCharArray(), decoy());
            return Optional.empty();
        }
        if (password == null || !hash.verify(password.toCharArray(), account.passwordHash())) {
            return Optional.empty();
        }
        return Optional.of(account.roles().stream().map(AdminAccount.Role::roleName).collect(Collectors.toSet()));
    }

    /**
     * Creates the first organizer account when there is no account at all, so a fresh install
     * can be signed in to. Does nothing once any account exists.
     *
     * @return whether an account was created
     */
    public boolean bootstrap(String username, String password) {
        long accounts = em.createNamedQuery(AdminAccount.COUNT, Long.class).getSingleResult();
        if (accounts > 0) {
            return false;
        }
        checkPassword(password);
        hash.initialize(HASH_PARAMETERS);
        em.persist(new AdminAccount(username, hash.generate(password.toCharArray()),
                Set.of(AdminAccount.Role.ORGANIZER), clock));
        em.flush(); // fail here, in the caller's sight, rather than at a commit it cannot see
        return true;
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException("password",
                    "an admin password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private String decoy() {
        return hash.generate("decoy-password-for-unknown-users".toCharArray());
    }
}
