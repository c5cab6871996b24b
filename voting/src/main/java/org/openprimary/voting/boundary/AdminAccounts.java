package org.openprimary.voting.boundary;

import jakarta.ejb.EJB;
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
import org.openprimary.voting.control.SignInThrottle;
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

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @Inject
    Pbkdf2PasswordHash hash;

    @Inject
    Clock clock;

    @EJB
    SignInThrottle throttle;

    /**
     * The role names of the account when the password is right; empty otherwise. An unknown
     * username costs the same hashing work as a wrong password, so timing does not tell them apart.
     */
    public Optional<Set<String>> authenticate(String username, String password) {
        if (!throttle.allowed(username)) {
            return Optional.empty();
        }
        hash.initialize(HASH_PARAMETERS);
        AdminAccount account = username == null ? null : em.find(AdminAccount.class, username);
        if (account == null) {
            hash.verify(String.valueOf(password).toCharArray(), decoy());
            throttle.failed(username);
            return Optional.empty();
        }
        if (password == null || !hash.verify(password.toCharArray(), account.passwordHash())) {
            throttle.failed(username);
            return Optional.empty();
        }
        throttle.succeeded(username);
        return Optional.of(account.roles().stream().map(AdminAccount.Role::roleName).collect(Collectors.toSet()));
    }

    /** Whether an account of this name exists and holds the role (e.g. {@code trustee}). */
    public boolean hasRole(String username, String role) {
        AdminAccount account = username == null || username.isBlank() ? null : em.find(AdminAccount.class, username);
        return account != null && account.roles().stream().anyMatch(r -> r.roleName().equals(role));
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

    /**
     * An organizer creates a console account (a bailiff, a trustee, another organizer) with a random
     * first password, returned once.
     */
    public CreatedAccount create(NewAccount request, String organizer) {
        if (request == null) {
            throw new InvalidInputException("body", "send the account as a JSON object");
        }
        java.util.Set<AdminAccount.Role> roles = java.util.EnumSet.noneOf(AdminAccount.Role.class);
        java.util.List<String> names = request.roles() == null ? java.util.List.of() : request.roles();
        for (int i = 0; i < names.size(); i++) {
            try {
                roles.add(AdminAccount.Role.valueOf(String.valueOf(names.get(i)).strip().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("roles[" + i + "]", "a role is ORGANIZER, BAILIFF or TRUSTEE");
            }
        }
        if (request.username() != null && em.find(AdminAccount.class, request.username().strip()) != null) {
            throw new org.openprimary.common.ConflictException("username", "this username is taken");
        }
        byte[] random = new byte[15];
        RANDOM.nextBytes(random);
        String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        hash.initialize(HASH_PARAMETERS);
        AdminAccount account = new AdminAccount(request.username() == null ? null : request.username().strip(),
                hash.generate(password.toCharArray()), roles, clock);
        em.persist(account);
        em.flush();
        java.util.logging.Logger.getLogger(AdminAccounts.class.getName())
                .info(() -> "Account " + account.username() + " " + roles + " created by " + organizer);
        return new CreatedAccount(account.username(),
                roles.stream().map(AdminAccount.Role::name).sorted().toList(), password);
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
