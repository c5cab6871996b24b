package org.openprimary.voting.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;

/**
 * An election: its title, its candidates in ballot order, its grade scale, and where it stands in
 * its lifecycle ({@code DRAFT -> REGISTRATION -> SEALED -> VOTING -> CLOSED -> COUNTED ->
 * PUBLISHED}). The state changes only through the transition methods, which refuse what the
 * lifecycle does not allow.
 */
@Entity
@Table(name = "election", schema = "voting")
@NamedQuery(name = Election.FIND_ALL, query = "SELECT e FROM Election e ORDER BY e.createdAt, e.id")
@NamedQuery(name = Election.FIND_BY_STATE,
        query = "SELECT e FROM Election e WHERE e.state = :state ORDER BY e.createdAt, e.id")
@NamedQuery(name = Election.FIND_PUBLIC,
        query = "SELECT e FROM Election e WHERE e.state <> :draft ORDER BY e.createdAt, e.id")
public class Election {

    public static final String FIND_ALL = "Election.findAll";
    public static final String FIND_BY_STATE = "Election.findByState";
    public static final String FIND_PUBLIC = "Election.findPublic";

    public static final int MAX_TITLE_LENGTH = 200;
    public static final int MAX_CANDIDATES = 1000;
    public static final int MAX_TRUSTEES = 20;
    public static final int MAX_DESCRIPTION_LENGTH = 2000;

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "title", nullable = false, length = MAX_TITLE_LENGTH)
    private String title;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 20)
    private ElectionState state;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "candidate", schema = "voting", joinColumns = @JoinColumn(name = "election_id"))
    @OrderColumn(name = "position")
    private List<Candidate> candidates = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "grade", schema = "voting", joinColumns = @JoinColumn(name = "election_id"))
    @OrderColumn(name = "position")
    @Column(name = "name", nullable = false, length = GradeScale.MAX_NAME_LENGTH)
    private List<String> grades = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "registration_opened_at")
    private Instant registrationOpenedAt;

    @Column(name = "required_factors", nullable = false, length = 40)
    private String requiredFactors;

    @Column(name = "allowed_countries", nullable = false, length = 400)
    private String allowedCountries;

    @Column(name = "roll_mode", nullable = false, length = 10)
    private String rollMode;

    @Column(name = "voting_opens_at")
    private Instant votingOpensAt;

    @Column(name = "voting_closes_at")
    private Instant votingClosesAt;

    @Column(name = "registration_closed_at")
    private Instant registrationClosedAt;

    @Column(name = "roll_size")
    private Long rollSize;

    @Column(name = "roll_ledger_entries")
    private Long rollLedgerEntries;

    @Column(name = "roll_ledger_head", length = 64)
    private String rollLedgerHead;

    @Column(name = "seal_document")
    private String sealDocument;

    @Column(name = "seal_fingerprint", length = 64)
    private String sealFingerprint;

    @Column(name = "seal_proposed_by", length = 64)
    private String sealProposedBy;

    @Column(name = "seal_proposed_at")
    private Instant sealProposedAt;

    @Column(name = "sealed_by", length = 64)
    private String sealedBy;

    @Column(name = "sealed_at")
    private Instant sealedAt;

    @Column(name = "voting_code", nullable = false, length = 5)
    private String votingCode = "SMS";

    @Column(name = "landline_voice_code", nullable = false)
    private boolean landlineVoiceCode;

    @Column(name = "fee_cents", nullable = false)
    private long feeCents;

    @Column(name = "fee_currency", nullable = false, length = 3)
    private String feeCurrency = ParticipationFee.DEFAULT_CURRENCY;

    @Column(name = "description", length = MAX_DESCRIPTION_LENGTH)
    private String description;

    @Column(name = "trustee_threshold")
    private Integer trusteeThreshold;

    @Column(name = "roll_credentials", length = 64)
    private String rollCredentials;

    @Column(name = "credential_key")
    private byte[] credentialKey;

    @Column(name = "election_public_key", length = 64)
    private String electionPublicKey;

    @Column(name = "key_generated_at")
    private Instant keyGeneratedAt;

    @Column(name = "rehearsal_ballot")
    private byte[] rehearsalBallot;

    @Column(name = "rehearsal_passed_at")
    private Instant rehearsalPassedAt;

    @Column(name = "box_genesis", length = 64)
    private String boxGenesis;

    @Column(name = "signing_public_key", length = 200)
    private String signingPublicKey;

    @Column(name = "voting_opened_at")
    private Instant votingOpenedAt;

    @Column(name = "voting_closed_at")
    private Instant votingClosedAt;

    @Column(name = "counted_at")
    private Instant countedAt;

    @Column(name = "count_started_at")
    private Instant countStartedAt;

    @Column(name = "count_trustees", length = 1400)
    private String countTrustees;

    @Column(name = "result_json")
    private String resultJson;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "published_by", length = 64)
    private String publishedBy;

    @Column(name = "first_round_id", length = 36)
    private String firstRoundId;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Election() {
        // for JPA
    }

    /** A new election in {@code DRAFT}, after checking every input. */
    public static Election draft(String title, List<String> candidateNames, GradeScale scale, Clock clock) {
        return draft(title, candidateNames, scale, RegistrationRules.DEFAULT, clock);
    }

    /** A new election in {@code DRAFT}, with its registration rules. */
    public static Election draft(String title, List<String> candidateNames, GradeScale scale,
            RegistrationRules rules, Clock clock) {
        Election election = new Election();
        election.requiredFactors = rules.requiredFactors().stream().map(Enum::name).sorted()
                .collect(java.util.stream.Collectors.joining(","));
        election.allowedCountries = String.join(",", rules.allowedCountries());
        election.rollMode = rules.rollMode().name();
        election.id = ElectionId.random().toString();
        election.title = checkedTitle(title);
        election.candidates = checkedCandidates(candidateNames);
        election.grades = new ArrayList<>(scale.names());
        election.state = ElectionState.DRAFT;
        election.createdAt = clock.instant();
        return election;
    }

    /**
     * A second round of this counted election, in {@code DRAFT}: the chosen candidates (at least two
     * of this election's, each once, by name), in the order given, with their party, photo and
     * statement; the same grade scale, registration rules, landline setting and voting-code channel;
     * and a link to this election. Its roll will be this election's frozen roll. It has no fee of its
     * own: nobody registers to it, its voters paid (if at all) in the first round.
     *
     * @param title the second round's title ({@code null} or blank: this title and " (second round)")
     */
    public Election secondRound(String secondTitle, List<String> chosen, Clock clock) {
        if (state != ElectionState.COUNTED && state != ElectionState.PUBLISHED) {
            throw new ConflictException("state", "a second round is made from a counted election; this one is " + state);
        }
        if (chosen == null || chosen.size() < 2) {
            throw new InvalidInputException("candidates", "a second round needs at least 2 of the first round's"
                    + " candidates");
        }
        List<Candidate> picked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < chosen.size(); i++) {
            String field = "candidates[" + i + "]";
            String name = chosen.get(i) == null ? "" : chosen.get(i).strip();
            Candidate found = candidates.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new InvalidInputException(field, "'" + name + "' is not a candidate of the"
                            + " first round"));
            if (!seen.add(name)) {
                throw new InvalidInputException(field, "'" + name + "' is chosen twice");
            }
            picked.add(found);
        }
        String wanted = secondTitle == null || secondTitle.isBlank() ? title + " (second round)" : secondTitle;
        Election next = draft(wanted, picked.stream().map(Candidate::name).toList(), scale(), registrationRules(),
                clock);
        for (int i = 0; i < picked.size(); i++) {
            Candidate from = picked.get(i);
            next.candidates.get(i).describe(from.party().orElse(null), from.photoUrl().orElse(null),
                    from.statement().orElse(null), "candidates[" + i + "]");
        }
        next.votingCode = votingCode;
        next.landlineVoiceCode = landlineVoiceCode;
        next.firstRoundId = id;
        return next;
    }

    /** The first round this election is the second round of, if it is one. */
    public Optional<ElectionId> firstRoundId() {
        return Optional.ofNullable(firstRoundId).map(ElectionId::parse);
    }

    /** What is missing before registration can open; empty when nothing is. */
    public List<String> missingBeforeRegistration() {
        List<String> missing = new ArrayList<>();
        if (state != ElectionState.DRAFT) {
            missing.add("the election is " + state + ", not DRAFT");
        }
        if (candidates.isEmpty()) {
            missing.add("the election has no candidate");
        }
        return missing;
    }

    /** {@code DRAFT -> REGISTRATION}: citizens may now register. */
    public void openRegistration(Clock clock) {
        List<String> missing = missingBeforeRegistration();
        if (!missing.isEmpty()) {
            throw new ConflictException("state", "registration cannot open: " + String.join("; ", missing));
        }
        state = ElectionState.REGISTRATION;
        registrationOpenedAt = clock.instant();
    }

    /** Sets when voting opens and closes; only before the seal. */
    public void schedule(Instant opens, Instant closes, Clock clock) {
        if (state != ElectionState.DRAFT && state != ElectionState.REGISTRATION) {
            throw new ConflictException("state", "the schedule is sealed and cannot change");
        }
        if (registrationClosedAt != null) {
            throw new ConflictException("state", "registration is closed for the seal: the schedule cannot change");
        }
        if (opens == null) {
            throw new InvalidInputException("votingOpensAt", "give when voting opens, e.g. 2027-01-14T08:00:00+01:00");
        }
        if (closes == null) {
            throw new InvalidInputException("votingClosesAt", "give when voting closes, e.g. 2027-01-17T17:00:00+01:00");
        }
        if (!opens.isAfter(clock.instant())) {
            throw new InvalidInputException("votingOpensAt", "voting must open in the future");
        }
        if (!closes.isAfter(opens)) {
            throw new InvalidInputException("votingClosesAt", "voting must close after it opens");
        }
        votingOpensAt = opens;
        votingClosesAt = closes;
    }

    /** What is missing before an organizer can propose the seal; empty when nothing is. */
    public List<String> missingBeforeSeal(Clock clock) {
        List<String> missing = new ArrayList<>();
        if (state != ElectionState.REGISTRATION) {
            missing.add("the election is " + state + ", not REGISTRATION");
        }
        if (votingOpensAt == null || votingClosesAt == null) {
            missing.add("the voting schedule is not set");
        } else if (!votingOpensAt.isAfter(clock.instant())) {
            missing.add("voting would open in the past: set a new schedule");
        }
        if (trusteeThreshold == null) {
            missing.add("no trustees are named: name the trustees and how many of them are needed to count");
        }
        return missing;
    }

    /**
     * How voters get the code that confirms their ballot: {@code sms} (the default; by email for a
     * voter with no verified phone) or {@code email}. Only before the seal proposal.
     */
    public void voteCodeBy(String channel) {
        requireNotFrozen("how codes are sent is frozen by the seal");
        if (channel == null || channel.isBlank()) {
            return;
        }
        String wanted = channel.strip().toUpperCase(Locale.ROOT);
        if (!wanted.equals("SMS") && !wanted.equals("EMAIL")) {
            throw new InvalidInputException("votingCode", "the voting code goes by 'sms' or 'email', not '" + channel + "'");
        }
        votingCode = wanted;
    }

    /**
     * Whether citizens without a mobile phone may register with a landline, whose code comes by voice
     * call ({@code null} keeps the setting). Only before the seal proposal.
     */
    public void acceptLandlines(Boolean accept) {
        requireNotFrozen("the registration rules are frozen by the seal");
        if (accept != null) {
            landlineVoiceCode = accept;
        }
    }

    /**
     * What citizens pay to be on the roll ({@link ParticipationFee#NONE}: nothing). Only in the
     * draft: registration is handed the fee when it opens, and a registrant who paid must have paid
     * what everyone pays.
     */
    public void chargeFee(ParticipationFee fee) {
        if (state != ElectionState.DRAFT) {
            throw new ConflictException("state", "the participation fee is set only while the election is a draft;"
                    + " this one is " + state);
        }
        if (fee != null && fee.charged() && firstRoundId != null) {
            // its voters are the first round's, carried over as they are: nobody would be asked to pay
            throw new ConflictException("feeCents", "a second round asks no participation fee: its roll is the"
                    + " first round's");
        }
        if (fee != null) {
            feeCents = fee.cents();
            feeCurrency = fee.currency();
        }
    }

    /** The participation fee; {@link ParticipationFee#charged()} is false when there is none. */
    public ParticipationFee fee() {
        return new ParticipationFee(feeCents, feeCurrency);
    }

    /** Whether a landline with a voice-call code is accepted as the phone. */
    public boolean landlineVoiceCode() {
        return landlineVoiceCode;
    }

    /** Whether voting codes go by email to everyone. */
    public boolean votingCodeByEmail() {
        return "EMAIL".equals(votingCode);
    }

    /** What citizens read about the election; only before the seal proposal. Blank clears it. */
    public void describe(String text) {
        requireNotFrozen("the description is frozen by the seal");
        if (text != null && text.strip().length() > MAX_DESCRIPTION_LENGTH) {
            throw new InvalidInputException("description", "a description has at most " + MAX_DESCRIPTION_LENGTH
                    + " characters");
        }
        description = text == null || text.isBlank() ? null : text.strip();
    }

    /** A candidate's party, photo and statement; only before the seal proposal. */
    public void describeCandidate(int position, String party, String photoUrl, String statement) {
        requireNotFrozen("the candidates are frozen by the seal");
        if (position < 0 || position >= candidates.size()) {
            throw new org.openprimary.common.NotFoundException("position", "there is no candidate number " + position
                    + " (0 to " + (candidates.size() - 1) + ")");
        }
        candidates.get(position).describe(party, photoUrl, statement, "candidate");
    }

    private void requireNotFrozen(String refusal) {
        if (registrationClosedAt != null || state.ordinal() > ElectionState.REGISTRATION.ordinal()) {
            throw new ConflictException("state", refusal);
        }
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** The candidates in ballot order, with what citizens read about them. */
    public List<Candidate> candidates() {
        return java.util.Collections.unmodifiableList(candidates);
    }

    /**
     * Names how many trustees (their number is the caller's list) are needed to decrypt: any
     * {@code threshold} of {@code trustees}. Only before the seal is proposed.
     */
    public void requireTrustees(int trustees, int threshold) {
        if (state != ElectionState.DRAFT && state != ElectionState.REGISTRATION || registrationClosedAt != null) {
            throw new ConflictException("state", "the trustees are sealed and cannot change");
        }
        if (trustees < 1 || trustees > MAX_TRUSTEES) {
            throw new InvalidInputException("trustees", "name 1 to " + MAX_TRUSTEES + " trustees, not " + trustees);
        }
        if (threshold < 1 || threshold > trustees) {
            throw new InvalidInputException("threshold", "the threshold is 1 to the number of trustees (" + trustees
                    + "), not " + threshold);
        }
        trusteeThreshold = threshold;
    }

    /**
     * The bailiff's confirmation made the election key: its public half, a test ballot for the
     * rehearsal, and the box's first head are kept; the private half is already split and forgotten.
     */
    public void keyGenerated(String publicKey, byte[] testBallot, String genesis, Clock clock) {
        if (state != ElectionState.SEALED || electionPublicKey != null) {
            throw new ConflictException("state", "the election key is made once, at the seal");
        }
        electionPublicKey = publicKey;
        rehearsalBallot = testBallot.clone();
        boxGenesis = genesis;
        keyGeneratedAt = clock.instant();
    }

    /**
     * Before voting opens, the election key can be made anew (a trustee lost their share): no
     * ballot exists yet, so nothing encrypted to the old key is lost. The rehearsal must pass again.
     */
    public void discardKey() {
        if (state != ElectionState.SEALED || votingOpenedAt != null) {
            throw new ConflictException("state", "the election key can be made anew only between the seal and the"
                    + " opening; the election is " + state);
        }
        electionPublicKey = null;
        rehearsalBallot = null;
        rehearsalPassedAt = null;
        boxGenesis = null;
        keyGeneratedAt = null;
    }

    /** Whether trustees may still choose a passphrase: before the proposal, or to replace a lost share before the opening. */
    public boolean acceptsPassphrases() {
        return registrationClosedAt == null || state == ElectionState.SEALED && votingOpenedAt == null;
    }

    /** The trustees decrypted the test ballot: voting may open on time. */
    public void rehearsalPassed(Clock clock) {
        if (state != ElectionState.SEALED) {
            throw new ConflictException("state", "the rehearsal is held between the seal and the opening");
        }
        rehearsalPassedAt = clock.instant();
    }

    /** What keeps voting from opening now; empty when it can open. */
    public List<String> missingBeforeOpening(Clock clock) {
        List<String> missing = new ArrayList<>();
        if (state != ElectionState.SEALED) {
            missing.add("the election is " + state + ", not SEALED");
        }
        if (electionPublicKey == null) {
            missing.add("the election key is not made");
        }
        if (rehearsalPassedAt == null) {
            missing.add("the trustees have not held the decryption rehearsal");
        }
        if (votingOpensAt != null && clock.instant().isBefore(votingOpensAt)) {
            missing.add("voting opens at " + votingOpensAt);
        }
        return missing;
    }

    /**
     * {@code SEALED -> VOTING}, by the clock. Hands back the key the voting links are derived from
     * and forgets it: after this, no link can be made again.
     */
    public byte[] openVoting(String signingKey, Clock clock) {
        List<String> missing = missingBeforeOpening(clock);
        if (!missing.isEmpty()) {
            throw new ConflictException("state", "voting cannot open: " + String.join("; ", missing));
        }
        state = ElectionState.VOTING;
        votingOpenedAt = clock.instant();
        signingPublicKey = signingKey;
        byte[] key = credentialKey;
        credentialKey = null;
        return key;
    }

    /** Whether a ballot can be accepted now, by the server's clock. */
    public boolean acceptsBallots(Clock clock) {
        return state == ElectionState.VOTING && clock.instant().isBefore(votingClosesAt);
    }

    /** {@code VOTING -> CLOSED}, by the clock. */
    public void closeVoting(Clock clock) {
        if (state != ElectionState.VOTING) {
            throw new ConflictException("state", "the election is " + state + ", not VOTING");
        }
        if (clock.instant().isBefore(votingClosesAt)) {
            throw new ConflictException("state", "voting closes at " + votingClosesAt);
        }
        state = ElectionState.CLOSED;
        votingClosedAt = clock.instant();
    }

    /**
     * The k-th share arrived: the count starts with these trustees' shares ({@code position:account},
     * by position), kept for the count's official record. A count started again after a failure
     * replaces them.
     */
    public void countStarted(List<String> trustees, Clock clock) {
        if (state != ElectionState.CLOSED) {
            throw new ConflictException("state", "only a closed election is counted; this one is " + state);
        }
        countTrustees = String.join(",", trustees);
        countStartedAt = clock.instant();
    }

    /** When the last count started, if one did since this was recorded. */
    public Optional<Instant> countStartedAt() {
        return Optional.ofNullable(countStartedAt);
    }

    /** The trustees whose shares rebuilt the key for the count, {@code position:account}; empty if not recorded. */
    public List<String> countTrustees() {
        return countTrustees == null || countTrustees.isEmpty() ? List.of() : List.of(countTrustees.split(","));
    }

    /** {@code CLOSED -> COUNTED}: the result, computed from the box, is kept as tally wrote it. */
    public void counted(String result, Clock clock) {
        if (state != ElectionState.CLOSED) {
            throw new ConflictException("state", "only a closed election is counted; this one is " + state);
        }
        resultJson = result;
        countedAt = clock.instant();
        state = ElectionState.COUNTED;
    }

    /** {@code COUNTED -> PUBLISHED}, by an organizer. */
    public void publish(String organizer, Clock clock) {
        if (state != ElectionState.COUNTED) {
            throw new ConflictException("state", state == ElectionState.PUBLISHED
                    ? "the result is already published" : "the election is " + state + ": count it first");
        }
        publishedBy = organizer;
        publishedAt = clock.instant();
        state = ElectionState.PUBLISHED;
    }

    public Optional<Integer> trusteeThreshold() {
        return Optional.ofNullable(trusteeThreshold);
    }

    public Optional<String> rollCredentials() {
        return Optional.ofNullable(rollCredentials);
    }

    public Optional<String> electionPublicKey() {
        return Optional.ofNullable(electionPublicKey);
    }

    public Optional<byte[]> rehearsalBallot() {
        return Optional.ofNullable(rehearsalBallot).map(byte[]::clone);
    }

    public Optional<Instant> rehearsalPassedAt() {
        return Optional.ofNullable(rehearsalPassedAt);
    }

    public Optional<String> boxGenesis() {
        return Optional.ofNullable(boxGenesis);
    }

    public Optional<String> signingPublicKey() {
        return Optional.ofNullable(signingPublicKey);
    }

    public Optional<Instant> votingOpenedAt() {
        return Optional.ofNullable(votingOpenedAt);
    }

    public Optional<Instant> votingClosedAt() {
        return Optional.ofNullable(votingClosedAt);
    }

    public Optional<Instant> countedAt() {
        return Optional.ofNullable(countedAt);
    }

    public Optional<String> resultJson() {
        return Optional.ofNullable(resultJson);
    }

    public Optional<Instant> publishedAt() {
        return Optional.ofNullable(publishedAt);
    }

    /** When registration closed for the seal proposal (the roll froze). */
    public Optional<Instant> registrationClosedAt() {
        return Optional.ofNullable(registrationClosedAt);
    }

    /** Whether registration can still be closed for a seal proposal. */
    public boolean registrationClosed() {
        return registrationClosedAt != null;
    }

    /**
     * An organizer proposes the seal: registration is closed (the roll frozen, committed to by
     * {@code rollSize} and the ledger's head) and the seal document is fixed. The election stays in
     * {@code REGISTRATION} until a bailiff confirms the same fingerprint.
     */
    public SealDocument proposeSeal(String organizer, long roll, long ledgerEntries, String ledgerHead,
            Instant closedAt, String credentials, byte[] linkKey, List<String> trustees, String softwareVersion,
            Clock clock) {
        List<String> missing = missingBeforeSeal(clock);
        if (!missing.isEmpty()) {
            throw new ConflictException("state", "the seal cannot be proposed: " + String.join("; ", missing));
        }
        if (roll < 1) {
            throw new ConflictException("roll", "the roll is empty: nobody could vote");
        }
        registrationClosedAt = closedAt;
        rollCredentials = credentials;
        credentialKey = linkKey.clone();
        rollSize = roll;
        rollLedgerEntries = ledgerEntries;
        rollLedgerHead = ledgerHead;
        RegistrationRules rules = registrationRules();
        SealDocument document = SealDocument.of(new SealDocument.Content(id, title, candidateNames(), scale().names(),
                rules.requiredFactors().stream().map(Enum::name).sorted().toList(), rules.allowedCountries(),
                rules.rollMode().name(), landlineVoiceCode, fee().sealValue(), votingOpensAt, votingClosesAt, rollSize,
                rollLedgerEntries, rollLedgerHead, rollCredentials, trustees,
                trusteeThreshold == null ? 0 : trusteeThreshold, votingCode.toLowerCase(Locale.ROOT), softwareVersion));
        if (firstRoundId != null) {
            document = document.secondRoundOf(firstRoundId);
        }
        sealDocument = document.text();
        sealFingerprint = document.fingerprint();
        sealProposedBy = organizer;
        sealProposedAt = clock.instant();
        return document;
    }

    /**
     * A bailiff confirms the proposed seal by giving back its fingerprint: {@code REGISTRATION ->
     * SEALED}. The bailiff must be another person than the organizer who proposed it.
     */
    public void confirmSeal(String bailiff, String fingerprint, Clock clock) {
        if (state != ElectionState.REGISTRATION || sealFingerprint == null) {
            throw new ConflictException("state", state == ElectionState.SEALED
                    ? "the election is already sealed" : "no seal has been proposed");
        }
        if (bailiff.equals(sealProposedBy)) {
            throw new ConflictException("bailiff", "the seal needs two people: the organizer who proposed it cannot"
                    + " confirm it");
        }
        if (fingerprint == null || !fingerprint.strip().equalsIgnoreCase(sealFingerprint)) {
            throw new InvalidInputException("fingerprint", "this is not the fingerprint of the proposed seal;"
                    + " compare it with the document, character by character");
        }
        sealedBy = bailiff;
        sealedAt = clock.instant();
        state = ElectionState.SEALED;
    }

    public Optional<Instant> votingOpensAt() {
        return Optional.ofNullable(votingOpensAt);
    }

    public Optional<Instant> votingClosesAt() {
        return Optional.ofNullable(votingClosesAt);
    }

    public Optional<String> sealDocument() {
        return Optional.ofNullable(sealDocument);
    }

    public Optional<String> sealFingerprint() {
        return Optional.ofNullable(sealFingerprint);
    }

    public Optional<String> sealProposedBy() {
        return Optional.ofNullable(sealProposedBy);
    }

    public Optional<Instant> sealProposedAt() {
        return Optional.ofNullable(sealProposedAt);
    }

    public Optional<String> sealedBy() {
        return Optional.ofNullable(sealedBy);
    }

    public Optional<Instant> sealedAt() {
        return Optional.ofNullable(sealedAt);
    }

    public Optional<Long> rollSize() {
        return Optional.ofNullable(rollSize);
    }

    private static String checkedTitle(String title) {
        if (title == null || title.isBlank()) {
            throw new InvalidInputException("title", "an election needs a title");
        }
        String stripped = title.strip();
        if (stripped.length() > MAX_TITLE_LENGTH) {
            throw new InvalidInputException("title", "a title has at most " + MAX_TITLE_LENGTH + " characters");
        }
        return stripped;
    }

    private static List<Candidate> checkedCandidates(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidInputException("candidates", "an election needs at least one candidate");
        }
        if (names.size() > MAX_CANDIDATES) {
            throw new InvalidInputException("candidates",
                    "an election has at most " + MAX_CANDIDATES + " candidates, not " + names.size());
        }
        List<Candidate> checked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String field = "candidates[" + i + "]";
            if (name == null || name.isBlank()) {
                throw new InvalidInputException(field, "a candidate needs a name");
            }
            String stripped = name.strip();
            if (stripped.length() > Candidate.MAX_NAME_LENGTH) {
                throw new InvalidInputException(field,
                        "a candidate's name has at most " + Candidate.MAX_NAME_LENGTH + " characters");
            }
            if (!seen.add(stripped.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException(field, "the candidate '" + stripped + "' is listed twice");
            }
            checked.add(new Candidate(stripped));
        }
        return checked;
    }

    public ElectionId id() {
        return ElectionId.parse(id);
    }

    public String title() {
        return title;
    }

    public ElectionState state() {
        return state;
    }

    public List<String> candidateNames() {
        return candidates.stream().map(Candidate::name).toList();
    }

    public GradeScale scale() {
        return new GradeScale(List.copyOf(grades));
    }

    public Instant createdAt() {
        return createdAt;
    }

    public RegistrationRules registrationRules() {
        return new RegistrationRules(
                java.util.Arrays.stream(requiredFactors.split(","))
                        .map(org.openprimary.registration.boundary.Factor::valueOf)
                        .collect(java.util.stream.Collectors.toSet()),
                List.of(allowedCountries.split(",")),
                org.openprimary.registration.boundary.RollMode.valueOf(rollMode));
    }

    public Optional<Instant> registrationOpenedAt() {
        return Optional.ofNullable(registrationOpenedAt);
    }
}
