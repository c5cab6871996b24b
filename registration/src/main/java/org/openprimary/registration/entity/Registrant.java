package org.openprimary.registration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.registration.boundary.Factor;

/**
 * A citizen registering for one election: who they say they are, what they consented to, and which
 * factors they have verified. Each phone, email and card appears once per roll (the database
 * enforces it). The registrant is on the roll once every factor the election requires is verified
 * and, when the election has a participation fee, the fee is paid.
 */
@Entity
@Table(name = "registrant", schema = "registration")
@NamedQuery(name = Registrant.FIND_MEMBER_IDS,
        query = "SELECT r.memberId FROM Registrant r WHERE r.electionId = :election AND r.memberId IS NOT NULL")
@NamedQuery(name = Registrant.FIND_BY_RESUME_TOKEN,
        query = "SELECT r FROM Registrant r WHERE r.resumeTokenHash = :hash")
@NamedQuery(name = Registrant.FIND_ON_ROLL,
        query = "SELECT r.id, r.firstName, r.phone, r.email, r.language FROM Registrant r"
                + " WHERE r.electionId = :election AND r.status = :onRoll ORDER BY r.id")
@NamedQuery(name = Registrant.FIND_ON_ROLL_TO_TELL,
        query = "SELECT r.id, r.firstName, r.phone, r.email, r.language FROM Registrant r"
                + " WHERE r.electionId = :election AND r.status = :onRoll AND r.erasureRequestedAt IS NULL ORDER BY r.id")
@NamedQuery(name = Registrant.FIND_ON_ROLL_AFTER,
        query = "SELECT r FROM Registrant r WHERE r.electionId = :election AND r.status = :onRoll AND r.id > :after"
                + " ORDER BY r.id")
@NamedQuery(name = Registrant.COUNT_ON_ROLL,
        query = "SELECT COUNT(r) FROM Registrant r WHERE r.electionId = :election AND r.status = :onRoll")
@NamedQuery(name = Registrant.FIND_BY_HELP_CODE, query = "SELECT r FROM Registrant r WHERE r.helpCode = :code")
@NamedQuery(name = Registrant.COUNT_HELP_CODE, query = "SELECT COUNT(r) FROM Registrant r WHERE r.helpCode = :code")
public class Registrant {

    public static final String FIND_ON_ROLL = "Registrant.findOnRoll";
    /** The roll's voters who did not ask to withdraw after the seal: those the organizers' news may reach. */
    public static final String FIND_ON_ROLL_TO_TELL = "Registrant.findOnRollToTell";
    /** The roll's voters after a registration id, in id order: a second round's carry-over reads them a batch at a time. */
    public static final String FIND_ON_ROLL_AFTER = "Registrant.findOnRollAfter";
    public static final String COUNT_ON_ROLL = "Registrant.countOnRoll";
    public static final String FIND_BY_HELP_CODE = "Registrant.findByHelpCode";
    public static final String COUNT_HELP_CODE = "Registrant.countHelpCode";

    public static final String FIND_BY_RESUME_TOKEN = "Registrant.findByResumeToken";
    public static final String FIND_MEMBER_IDS = "Registrant.findMemberIds";
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_VERSION_LENGTH = 20;

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "election_id", nullable = false, length = 36)
    private String electionId;

    @Column(name = "first_name", nullable = false, length = MAX_NAME_LENGTH)
    private String firstName;

    @Column(name = "last_name", nullable = false, length = MAX_NAME_LENGTH)
    private String lastName;

    @Column(name = "phone_e164", length = 16)
    private String phone;

    @Column(name = "email", length = EmailAddress.MAX_LENGTH)
    private String email;

    @Column(name = "email_normalized", length = EmailAddress.MAX_LENGTH)
    private String emailNormalized;

    @Column(name = "card_hash", length = 64)
    private String cardHash;

    @Column(name = "card_setup_id", length = 255)
    private String cardSetupId;

    @Column(name = "member_id", length = 64)
    private String memberId;

    @Column(name = "email_token_hash", length = 64)
    private String emailTokenHash;

    @Column(name = "email_token_expires_at")
    private Instant emailTokenExpiresAt;

    @Column(name = "email_links_sent", nullable = false)
    private int emailLinksSent;

    @Column(name = "language", nullable = false, length = 2)
    private String language;

    @Column(name = "charter_version", nullable = false, length = MAX_VERSION_LENGTH)
    private String charterVersion;

    @Column(name = "privacy_version", nullable = false, length = MAX_VERSION_LENGTH)
    private String privacyVersion;

    @Column(name = "resume_token_hash", nullable = false, length = 64)
    private String resumeTokenHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 12)
    private RegistrantStatus status;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "phone_verified_at")
    private Instant phoneVerifiedAt;

    @Column(name = "email_verified_at")
    private Instant emailVerifiedAt;

    @Column(name = "card_verified_at")
    private Instant cardVerifiedAt;

    @Column(name = "on_roll_at")
    private Instant onRollAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "voting_code_hash", length = 64)
    private String votingCodeHash;

    @Column(name = "voting_code_expires_at")
    private Instant votingCodeExpiresAt;

    @Column(name = "voting_code_checks", nullable = false)
    private int votingCodeChecks;

    @Column(name = "voting_codes_sent", nullable = false)
    private int votingCodesSent;

    @Column(name = "voting_codes_since")
    private Instant votingCodesSince;

    @Column(name = "help_code", length = 9)
    private String helpCode;

    @Column(name = "erasure_requested_at")
    private Instant erasureRequestedAt;

    @Column(name = "carried_from_id", length = 36)
    private String carriedFromId;

    @Column(name = "fee_payment_id", length = 255)
    private String feePaymentId;

    @Column(name = "fee_paid_at")
    private Instant feePaidAt;

    protected Registrant() {
        // for JPA
    }

    /** A new registrant, after checking names, consents and language. */
    public Registrant(UUID electionId, String firstName, String lastName, PhoneNumber phone, EmailAddress email,
            String language, String charterVersion, String privacyVersion, String resumeTokenHash, Instant at) {
        this.id = UUID.randomUUID().toString();
        this.electionId = electionId.toString();
        this.firstName = name(firstName, "firstName");
        this.lastName = name(lastName, "lastName");
        this.phone = phone == null ? null : phone.e164();
        this.email = email == null ? null : email.address();
        this.emailNormalized = email == null ? null : email.normalized();
        this.language = language(language);
        this.charterVersion = consent(charterVersion, "charterVersion", "the election's charter");
        this.privacyVersion = consent(privacyVersion, "privacyVersion", "the privacy notice");
        this.resumeTokenHash = resumeTokenHash;
        this.status = RegistrantStatus.PENDING;
        this.registeredAt = at;
    }

    /**
     * This registrant, on the roll of a second round ({@code election}) whose roll is this
     * election's frozen roll: the same person, contacts, card hash, consents and verified factors,
     * under a new id, a new resume token and a new help code (both unique across elections); it names
     * this registration, so that nobody is carried twice into one second round.
     */
    public Registrant carriedOver(UUID election, String newResumeTokenHash, HelpCode code, Instant at) {
        if (status != RegistrantStatus.ON_ROLL) {
            throw new ConflictException("status", "only a registrant on the roll is carried over");
        }
        Registrant copy = new Registrant();
        copy.id = UUID.randomUUID().toString();
        copy.electionId = election.toString();
        copy.firstName = firstName;
        copy.lastName = lastName;
        copy.phone = phone;
        copy.email = email;
        copy.emailNormalized = emailNormalized;
        copy.cardHash = cardHash;
        copy.memberId = memberId;
        copy.language = language;
        copy.charterVersion = charterVersion;
        copy.privacyVersion = privacyVersion;
        copy.resumeTokenHash = newResumeTokenHash;
        copy.status = RegistrantStatus.ON_ROLL;
        copy.registeredAt = registeredAt;
        copy.phoneVerifiedAt = phoneVerifiedAt;
        copy.emailVerifiedAt = emailVerifiedAt;
        copy.cardVerifiedAt = cardVerifiedAt;
        copy.onRollAt = at;
        copy.feePaidAt = feePaidAt;
        copy.helpCode = code.value();
        copy.carriedFromId = id;
        return copy;
    }

    /**
     * Records a verified factor.
     *
     * @return whether this verification put the registrant on the roll
     */
    public boolean verified(Factor factor, Set<Factor> required, Instant at) {
        return verified(factor, required, false, at);
    }

    /**
     * Records a verified factor; with {@code feeDue} the registrant joins the roll only once the
     * participation fee is paid too.
     *
     * @return whether this verification put the registrant on the roll
     */
    public boolean verified(Factor factor, Set<Factor> required, boolean feeDue, Instant at) {
        if (isVerified(factor)) {
            throw new ConflictException(factor.name().toLowerCase(java.util.Locale.ROOT),
                    "this factor is already verified");
        }
        switch (factor) {
            case PHONE -> phoneVerifiedAt = at;
            case EMAIL -> emailVerifiedAt = at;
            case CARD -> cardVerifiedAt = at;
        }
        return joinRollIfComplete(required, feeDue, at);
    }

    private boolean joinRollIfComplete(Set<Factor> required, boolean feeDue, Instant at) {
        if (status == RegistrantStatus.PENDING && verifiedFactors().containsAll(required)
                && (!feeDue || feePaidAt != null)) {
            status = RegistrantStatus.ON_ROLL;
            onRollAt = at;
            return true;
        }
        return false;
    }

    /** Remembers the fee payment this registrant started: only it can pay their fee. */
    public void feePaymentStarted(String paymentId) {
        if (feePaidAt != null) {
            throw new ConflictException("fee", "the participation fee is already paid");
        }
        this.feePaymentId = paymentId;
    }

    public Optional<String> feePaymentId() {
        return Optional.ofNullable(feePaymentId);
    }

    /**
     * The provider says the payment started for this registration went through: the fee is paid,
     * and the registrant is on the roll if every required factor is verified too.
     *
     * @return whether this payment put the registrant on the roll
     */
    public boolean feePaid(String paymentId, Set<Factor> required, Instant at) {
        if (feePaidAt != null) {
            throw new ConflictException("fee", "the participation fee is already paid");
        }
        if (feePaymentId == null || !feePaymentId.equals(paymentId)) {
            throw new InvalidInputException("paymentId", "this is not the payment started for this registration");
        }
        feePaidAt = at;
        return joinRollIfComplete(required, true, at);
    }

    /** When the participation fee was paid, if it was. */
    public Optional<Instant> feePaidAt() {
        return Optional.ofNullable(feePaidAt);
    }

    /** Marks this registrant as a member of an imported list, under the organizer's member id. */
    public void importedAs(String memberId) {
        this.memberId = memberId;
    }

    public Optional<String> memberId() {
        return Optional.ofNullable(memberId);
    }

    /** A new email link replaces any earlier one; at most {@code max} links per registration. */
    public void emailLinkIssued(String tokenHash, Instant expiresAt, int max) {
        if (email == null) {
            throw new ConflictException("email", "this registration has no email address");
        }
        if (isVerified(Factor.EMAIL)) {
            throw new ConflictException("email", "this email address is already verified");
        }
        if (emailLinksSent >= max) {
            throw new org.openprimary.common.TooManyRequestsException("email",
                    "too many links were sent; use the last one you received", java.time.Duration.ofHours(24));
        }
        emailLinksSent++;
        emailTokenHash = tokenHash;
        emailTokenExpiresAt = expiresAt;
    }

    /**
     * A new voting code by email: at most {@code maxSends} in {@code window}, each valid for
     * {@code validity}; a new one replaces the previous one.
     */
    public void votingCodeIssued(String codeHash, Instant now, java.time.Duration validity, int maxSends,
            java.time.Duration window) {
        if (votingCodesSince == null || !now.isBefore(votingCodesSince.plus(window))) {
            votingCodesSince = now;
            votingCodesSent = 0;
        }
        if (votingCodesSent >= maxSends) {
            java.time.Duration wait = java.time.Duration.between(now, votingCodesSince.plus(window));
            throw new org.openprimary.common.TooManyRequestsException("code",
                    "too many codes were sent; try again at " + votingCodesSince.plus(window), wait);
        }
        votingCodesSent++;
        votingCodeHash = codeHash;
        votingCodeExpiresAt = now.plus(validity);
        votingCodeChecks = 0;
    }

    /**
     * Whether the code (by its hash) is the current emailed one, still valid; a right code is spent,
     * and after {@code maxChecks} wrong tries the code is void.
     */
    public boolean votingCodeChecked(String codeHash, Instant now, int maxChecks) {
        if (votingCodeHash == null || votingCodeExpiresAt == null || !now.isBefore(votingCodeExpiresAt)
                || votingCodeChecks >= maxChecks) {
            return false;
        }
        votingCodeChecks++;
        if (!java.security.MessageDigest.isEqual(votingCodeHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                codeHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return false;
        }
        votingCodeHash = null;
        votingCodeExpiresAt = null;
        return true;
    }

    /** Whether a voting code was emailed and waits to be used. */
    public boolean hasEmailedVotingCode() {
        return votingCodeHash != null;
    }

    /** Whether the link's token (given by its hash) is this registrant's current one and still valid; a used link is spent. */
    public boolean emailLinkOpened(String tokenHash, Instant at) {
        if (emailTokenHash == null || emailTokenExpiresAt == null || !at.isBefore(emailTokenExpiresAt)) {
            return false;
        }
        if (!java.security.MessageDigest.isEqual(emailTokenHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                tokenHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return false;
        }
        emailTokenHash = null;
        emailTokenExpiresAt = null;
        return true;
    }

    public int emailLinksSent() {
        return emailLinksSent;
    }

    /** Remembers the card setup this registrant started: only it can prove their card. */
    public void cardSetupStarted(String setupId) {
        if (isVerified(Factor.CARD)) {
            throw new ConflictException("card", "the card is already verified");
        }
        this.cardSetupId = setupId;
    }

    public Optional<String> cardSetupId() {
        return Optional.ofNullable(cardSetupId);
    }

    /** Keeps the keyed hash of the card's fingerprint; the database refuses it if another registrant has it. */
    public void cardImprinted(String cardHash) {
        if (cardSetupId == null) {
            throw new ConflictException("setupId", "start the card step first");
        }
        this.cardHash = cardHash;
    }

    public boolean isVerified(Factor factor) {
        return switch (factor) {
            case PHONE -> phoneVerifiedAt != null;
            case EMAIL -> emailVerifiedAt != null;
            case CARD -> cardVerifiedAt != null;
        };
    }

    public Set<Factor> verifiedFactors() {
        Set<Factor> verified = EnumSet.noneOf(Factor.class);
        for (Factor factor : Factor.values()) {
            if (isVerified(factor)) {
                verified.add(factor);
            }
        }
        return verified;
    }

    private static String name(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "this name is required");
        }
        String stripped = value.strip();
        if (stripped.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException(field, "a name has at most " + MAX_NAME_LENGTH + " characters");
        }
        if (stripped.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "a name cannot contain control characters");
        }
        return stripped;
    }

    private static String language(String value) {
        if (value == null || value.isBlank()) {
            return "fr";
        }
        String lower = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (!lower.equals("fr") && !lower.equals("en")) {
            throw new InvalidInputException("language", "the language is 'fr' or 'en'");
        }
        return lower;
    }

    private static String consent(String version, String field, String what) {
        if (version == null || version.isBlank()) {
            throw new InvalidInputException(field, "accepting " + what + " is required; send the version accepted");
        }
        if (version.strip().length() > MAX_VERSION_LENGTH) {
            throw new InvalidInputException(field, "a version has at most " + MAX_VERSION_LENGTH + " characters");
        }
        return version.strip();
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public UUID electionId() {
        return UUID.fromString(electionId);
    }

    public Optional<String> phone() {
        return Optional.ofNullable(phone);
    }

    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    public String resumeTokenHash() {
        return resumeTokenHash;
    }

    public String language() {
        return language;
    }

    public RegistrantStatus status() {
        return status;
    }

    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public String charterVersion() {
        return charterVersion;
    }

    public String privacyVersion() {
        return privacyVersion;
    }

    public Optional<Instant> verifiedAt(Factor factor) {
        return Optional.ofNullable(switch (factor) {
            case PHONE -> phoneVerifiedAt;
            case EMAIL -> emailVerifiedAt;
            case CARD -> cardVerifiedAt;
        });
    }

    public Optional<Instant> onRollAt() {
        return Optional.ofNullable(onRollAt);
    }

    /** Gives the registration its help code (a new one replaces one that clashed before it was stored). */
    public void assignHelpCode(HelpCode code) {
        this.helpCode = code.value();
    }

    /** The help code the citizen reads out to the hotline; empty for a registration made before help codes. */
    public Optional<HelpCode> helpCode() {
        return Optional.ofNullable(helpCode).map(String::strip).map(HelpCode::new);
    }

    public boolean hasCardHash() {
        return cardHash != null;
    }

    /**
     * The registrant asked to withdraw after the roll was frozen: the sealed roll keeps them, and their
     * data go with the purge at the retention deadline. Asking again keeps the first moment.
     */
    public void erasureRequested(Instant at) {
        if (erasureRequestedAt == null) {
            erasureRequestedAt = at;
        }
    }

    /** When the registrant asked for their data to be erased once the roll was frozen, if they did. */
    public Optional<Instant> erasureRequestedAt() {
        return Optional.ofNullable(erasureRequestedAt);
    }
}
