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
import jakarta.persistence.LockModeType;
import java.util.OptionalLong;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.TooManyRequestsException;
import org.openprimary.common.UnauthorizedException;
import org.openprimary.voting.control.SecondFactors;
import org.openprimary.voting.control.SecretSeal;
import org.openprimary.voting.control.SignInThrottle;
import org.openprimary.voting.entity.AdminAccount;

/**
 * Accounts of the admin console: who may sign in, with which roles. A sign-in needs the password
 * and, once enrolled, a TOTP code ({@link SecondFactors}); wrong passwords and wrong codes count
 * alike towards the lock-out. The TOTP secrets are kept sealed ({@link SecretSeal}): opened only to
 * check a code or show the one being enrolled.
 */
@Stateless
public class AdminAccounts {

    public static final int MIN_PASSWORD_LENGTH = 12;

    private static final Map<String, String> HASH_PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32");

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    @EJB
    SecretSeal secrets;

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

    /**
     * What a sign-in leads to: the account's roles once the password and the code were right, or,
     * for an account without a second factor yet, the secret to enrol (and no role until a code of
     * it is confirmed by {@link #confirmEnrolment}).
     */
    public record SignIn(String username, Set<String> roles, String enrolmentSecret) {

        public boolean verified() {
            return enrolmentSecret == null;
        }

        /** The {@code otpauth://} URI of the secret to enrol (what the QR code holds), when there is one. */
        public String enrolmentUri() {
            return enrolmentSecret == null ? null : SecondFactors.otpauthUri(username, enrolmentSecret);
        }
    }

    /**
     * Signs in with a password and the current TOTP code. Refuses with 401 (field {@code password}
     * or {@code code}) or, after too many failures, 429 with the time to wait.
     */
    public SignIn signIn(String username, String password, String code) {
        return signIn(username, password, code, null);
    }

    /**
     * {@link #signIn(String, String, String)} from a client address: besides the account's own count,
     * {@value SignInThrottle#MAX_ADDRESS_FAILURES} failures from one address within 15 minutes, whatever
     * the usernames (credential stuffing), refuse that address with 429 on {@code address}.
     *
     * @param clientAddress where the request came from, or {@code null} when unknown
     */
    public SignIn signIn(String username, String password, String code, String clientAddress) {
        if (!throttle.allowedFrom(clientAddress)) {
            throw new TooManyRequestsException("address",
                    "too many failed sign-ins from this network: wait before trying again",
                    throttle.retryAfterFrom(clientAddress));
        }
        try {
            return checkedSignIn(username, password, code);
        } catch (UnauthorizedException failed) {
            throttle.failedFrom(clientAddress);
            throw failed;
        }
    }

    private SignIn checkedSignIn(String username, String password, String code) {
        String name = username == null ? "" : username.strip();
        if (!throttle.allowed(name)) {
            throw new TooManyRequestsException("username",
                    "too many failed sign-ins for this account: wait before trying again", throttle.retryAfter(name));
        }
        AdminAccount account = passwordChecked(name, password);
        if (!account.hasSecondFactor()) {
            Optional<String> offered = secrets.open(account.username(), account.pendingSecondFactorSecret());
            if (offered.isEmpty()) {
                offered = Optional.of(SecondFactors.newSecret());
                account.offerSecondFactor(secrets.seal(account.username(), offered.get()));
            }
            return new SignIn(account.username(), Set.of(), offered.get());
        }
        OptionalLong step = SecondFactors.matchingStep(secrets.open(account.username(), account.secondFactorSecret())
                .orElse(null), code, clock.instant(), account.lastSecondFactorStep());
        if (step.isEmpty()) {
            throttle.failed(name);
            throw new UnauthorizedException("code", code == null || code.isBlank()
                    ? "enter the 6-digit code your authenticator app shows"
                    : "this code is wrong or was already used: enter the code your authenticator app shows now");
        }
        account.acceptedSecondFactorStep(step.getAsLong());
        throttle.succeeded(name);
        return new SignIn(account.username(), roleNames(account), null);
    }

    /**
     * Confirms the second factor offered at sign-in with a code of it; the account's roles are then
     * granted. The caller (the console's session) has checked the password just before.
     */
    public SignIn confirmEnrolment(String username, String code, String newPassword) {
        String name = username == null ? "" : username.strip();
        if (!throttle.allowed(name)) {
            throw new TooManyRequestsException("code",
                    "too many failed sign-ins for this account: wait before trying again", throttle.retryAfter(name));
        }
        AdminAccount account = em.find(AdminAccount.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (account == null || account.hasSecondFactor() || account.pendingSecondFactorSecret() == null) {
            throw new UnauthorizedException("code", "sign in again with your password to enrol a second factor");
        }
        OptionalLong step = SecondFactors.matchingStep(secrets.open(account.username(),
                account.pendingSecondFactorSecret()).orElse(null), code, clock.instant(), -1);
        if (step.isEmpty()) {
            throttle.failed(name);
            throw new UnauthorizedException("code",
                    "this code is wrong: scan the QR code (or type the secret) in your authenticator app and enter the code it shows");
        }
        if (account.passwordInitial()) {
            checkPassword(newPassword, "newPassword");
            hash.initialize(HASH_PARAMETERS);
            if (hash.verify(newPassword.toCharArray(), account.passwordHash())) {
                throw new InvalidInputException("newPassword", "choose a password of your own, not the one you were given");
            }
            account.changePassword(hash.generate(newPassword.toCharArray()));
        }
        account.confirmSecondFactor(step.getAsLong(), clock.instant());
        throttle.succeeded(name);
        java.util.logging.Logger.getLogger(AdminAccounts.class.getName())
                .info(() -> "Account " + name + " enrolled a second factor");
        return new SignIn(account.username(), roleNames(account), null);
    }

    /** The QR code (PNG) of the second factor offered to an account at enrolment, if one is. */
    public Optional<byte[]> enrolmentQrCode(String username) {
        AdminAccount account = username == null ? null : em.find(AdminAccount.class, username);
        return account == null || account.hasSecondFactor() ? Optional.empty()
                : secrets.open(account.username(), account.pendingSecondFactorSecret())
                        .map(secret -> SecondFactors.qrPng(account.username(), secret));
    }

    /**
     * An organizer removes another account's second factor (a lost phone); that person enrols a new
     * one at their next sign-in. Nobody resets their own.
     */
    public void resetSecondFactor(String username, String organizer) {
        if (username != null && username.equals(organizer)) {
            throw new org.openprimary.common.ConflictException("username",
                    "another organizer resets your second factor: nobody resets their own");
        }
        AdminAccount account = username == null ? null
                : em.find(AdminAccount.class, username.strip(), LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw new org.openprimary.common.NotFoundException("username", "no account has this username");
        }
        account.resetSecondFactor();
        java.util.logging.Logger.getLogger(AdminAccounts.class.getName())
                .info(() -> "Second factor of " + account.username() + " reset by " + organizer);
    }

    /** Whether the account's password was set by someone else and must be replaced at enrolment. */
    public boolean mustChangePassword(String username) {
        AdminAccount account = username == null ? null : em.find(AdminAccount.class, username);
        return account != null && account.passwordInitial();
    }

    /** Whether the account has enrolled a second factor. */
    public boolean hasSecondFactor(String username) {
        AdminAccount account = username == null ? null : em.find(AdminAccount.class, username);
        return account != null && account.hasSecondFactor();
    }

    /** The account with this name when the password is right (the row locked); 401 otherwise. */
    private AdminAccount passwordChecked(String name, String password) {
        hash.initialize(HASH_PARAMETERS);
        AdminAccount account = name.isEmpty() ? null : em.find(AdminAccount.class, name, LockModeType.PESSIMISTIC_WRITE);
        boolean right;
        if (account == null) {
            hash.verify(String.valueOf(password).toCharArray(), decoy());
            right = false;
        } else {
            right = password != null && hash.verify(password.toCharArray(), account.passwordHash());
        }
        if (!right) {
            throttle.failed(name);
            throw new UnauthorizedException("password", "the username or the password is wrong");
        }
        return account;
    }

    private static Set<String> roleNames(AdminAccount account) {
        return account.roles().stream().map(AdminAccount.Role::roleName).collect(Collectors.toSet());
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
                throw new InvalidInputException("roles[" + i + "]", "a role is ORGANIZER, BAILIFF, TRUSTEE, OPERATOR or AUDITOR");
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
        account.markPasswordInitial();
        em.persist(account);
        em.flush();
        java.util.logging.Logger.getLogger(AdminAccounts.class.getName())
                .info(() -> "Account " + account.username() + " " + roles + " created by " + organizer);
        return new CreatedAccount(account.username(),
                roles.stream().map(AdminAccount.Role::name).sorted().toList(), password);
    }

    private static void checkPassword(String password) {
        checkPassword(password, "password");
    }

    private static void checkPassword(String password, String field) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException(field,
                    "an admin password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private String decoy() {
        return hash.generate("decoy-password-for-unknown-users".toCharArray());
    }
}
