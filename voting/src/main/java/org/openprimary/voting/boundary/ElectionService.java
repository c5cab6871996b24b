package org.openprimary.voting.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Logger;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.boundary.RegistrationService;
import org.openprimary.registration.boundary.RegistrationTerms;
import org.openprimary.registration.boundary.RollCommitment;
import org.openprimary.registration.boundary.RollVoter;
import org.openprimary.tally.control.BoxChain;
import org.openprimary.voting.control.BallotBox;
import org.openprimary.voting.control.BallotCrypto;
import org.openprimary.voting.control.Credentials;
import org.openprimary.voting.control.TrusteeShares;
import org.openprimary.voting.entity.Trustee;
import org.openprimary.voting.entity.Election;
import org.openprimary.voting.entity.ElectionId;
import org.openprimary.voting.entity.ElectionState;
import org.openprimary.voting.entity.GradeScale;
import org.openprimary.voting.entity.RegistrationRules;

/**
 * The voting module's facade for elections: organizers draft them and move them through their
 * lifecycle; anyone lists the public ones.
 */
@Stateless
public class ElectionService {

    private static final Logger LOG = Logger.getLogger(ElectionService.class.getName());

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    RegistrationService registration;

    @EJB
    org.openprimary.registration.boundary.CarryOverService carryOvers;

    @EJB
    BallotBox box;

    @EJB
    AdminAccounts accounts;

    @EJB
    org.openprimary.voting.control.KeyCeremonies ceremonies;

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** Creates a draft election after checking every field of the request. */
    public ElectionView draft(DraftElection request, String organizer) {
        if (request == null) {
            throw new InvalidInputException("body", "send the election as a JSON object");
        }
        Election election = Election.draft(request.title(), request.candidates(),
                GradeScale.ofOrDefault(request.grades()),
                RegistrationRules.of(request.requiredFactors(), request.allowedCountries(), request.rollMode()),
                clock);
        election.describe(request.description());
        election.voteCodeBy(request.votingCode());
        election.acceptLandlines(request.landlineVoiceCode());
        election.chargeFee(org.openprimary.voting.entity.ParticipationFee.of(request.feeCents(), request.feeCurrency()));
        em.persist(election);
        LOG.info(() -> "Election " + election.id() + " drafted by " + organizer);
        return ElectionView.of(election);
    }

    /**
     * Creates a second round of a counted (or published) election, in {@code DRAFT}: the chosen
     * candidates (names of the first round's, at least two, each once), the first round's rules, and
     * the same trustees and threshold, named anew: each chooses a passphrase for this election and
     * the key is made at its own seal. Its roll is carried over from the first round's when its
     * registration opens.
     */
    public ElectionView secondRound(String firstRoundId, String title, List<String> candidates, String organizer) {
        Election first = load(ElectionId.parse(firstRoundId));
        Election second = first.secondRound(title, candidates, clock);
        em.persist(second);
        em.flush();
        List<Trustee> trustees = trustees(first);
        if (!trustees.isEmpty() && first.trusteeThreshold().isPresent()) {
            second.requireTrustees(trustees.size(), first.trusteeThreshold().get());
            for (Trustee trustee : trustees) {
                em.persist(new Trustee(second.id(), trustee.position(), trustee.username()));
            }
            em.flush();
        }
        LOG.info(() -> "Election " + second.id() + " drafted by " + organizer + " as the second round of " + first.id());
        return ElectionView.of(second);
    }

    public ElectionView find(String id) {
        return ElectionView.of(load(ElectionId.parse(id)));
    }

    /** What citizens read about the election; until the seal proposal. */
    public ElectionView describe(String id, String description) {
        Election election = locked(ElectionId.parse(id));
        election.describe(description);
        return ElectionView.of(election);
    }

    /** A candidate's party, photo (https) and statement; until the seal proposal. */
    public ElectionView describeCandidate(String id, int position, String party, String photoUrl, String statement) {
        Election election = locked(ElectionId.parse(id));
        election.describeCandidate(position, party, photoUrl, statement);
        return ElectionView.of(election);
    }

    /**
     * The participation fee (whole cents, 0 or {@code null}: none; the currency's ISO code, EUR when
     * absent); only while the election is a draft.
     */
    public ElectionView chargeFee(String id, java.math.BigDecimal feeCents, String feeCurrency) {
        Election election = locked(ElectionId.parse(id));
        election.chargeFee(org.openprimary.voting.entity.ParticipationFee.of(feeCents, feeCurrency));
        LOG.info(() -> "Election " + id + ": participation fee " + election.fee().sealValue());
        return ElectionView.of(election);
    }

    /** What is missing before the election's registration can open. */
    public List<String> missingBeforeRegistration(String id) {
        return load(ElectionId.parse(id)).missingBeforeRegistration();
    }

    /**
     * {@code DRAFT -> REGISTRATION}, and hands the registration module what it needs, in one
     * transaction: either both happen or neither.
     */
    public ElectionView openRegistration(String id, String organizer) {
        ElectionId electionId = ElectionId.parse(id);
        Election election = em.find(Election.class, electionId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (election == null) {
            throw notFound(electionId.toString());
        }
        election.openRegistration(clock);
        RegistrationRules rules = election.registrationRules();
        RegistrationTerms terms = new RegistrationTerms(electionId.value(), election.title(),
                election.registrationOpenedAt().orElseThrow(), rules.requiredFactors(),
                rules.allowedCountries(), rules.rollMode(), election.landlineVoiceCode(), election.fee().cents(),
                election.fee().currency());
        if (election.firstRoundId().isPresent()) {
            // a second round: its roll is the first round's frozen roll, nobody registers to it
            registration.carryOverRoll(terms, election.firstRoundId().get().value());
        } else {
            registration.openRegistration(terms);
        }
        LOG.info(() -> "Registration of election " + electionId + " opened by " + organizer);
        return ElectionView.of(election);
    }

    /** Sets when voting opens and closes (ISO-8601 with offset, e.g. {@code 2027-01-14T08:00:00+01:00}). */
    public ElectionView schedule(String id, String votingOpensAt, String votingClosesAt) {
        Election election = locked(ElectionId.parse(id));
        election.schedule(instant(votingOpensAt, "votingOpensAt"), instant(votingClosesAt, "votingClosesAt"), clock);
        return ElectionView.of(election);
    }

    /**
     * Where a second round's roll stands in its carry-over from the first round (it starts when its
     * registration opens, and runs in batches in the background); 404 for a first round.
     */
    public CarryOverView carryOver(String id) {
        Election election = load(ElectionId.parse(id));
        if (election.firstRoundId().isEmpty()) {
            throw new NotFoundException("id", "this election is not a second round: it has no roll to carry over");
        }
        if (election.registrationOpenedAt().isEmpty()) {
            return CarryOverView.notStarted(election.id().toString(), election.firstRoundId().get().toString());
        }
        return carryOvers.carryOver(election.id().value())
                .map(progress -> CarryOverView.of(election.id().toString(), progress))
                .orElseThrow(() -> new IllegalStateException("the second round " + id + " has no carry-over"));
    }

    /** The checklist's line while a second round's roll is still being carried over, if it is. */
    private java.util.Optional<String> carryingOver(Election election) {
        if (election.firstRoundId().isEmpty() || election.registrationOpenedAt().isEmpty()
                || election.registrationClosed()) {
            return java.util.Optional.empty();
        }
        java.util.Optional<org.openprimary.registration.boundary.CarryOverProgress> running = carryOvers
                .carryOver(election.id().value()).filter(c -> !c.done());
        if (running.isEmpty()) {
            return java.util.Optional.empty();
        }
        org.openprimary.registration.boundary.CarryOverProgress c = running.get();
        // Whole texts on both sides, so the reason catalog knows them (and no "; " inside an item of the
        // seal's refusal, whose items are joined by "; ").
        return java.util.Optional.of(c.stalled().isPresent()
                ? "the first round's roll is still being carried over: " + c.handled() + " of " + c.total()
                        + " voters so far (stopped: " + c.stalled().get() + ", it goes on by itself)"
                : "the first round's roll is still being carried over: " + c.handled() + " of " + c.total()
                        + " voters so far");
    }

    /** What is missing before the seal can be proposed. */
    public List<String> missingBeforeSeal(String id) {
        Election election = load(ElectionId.parse(id));
        List<String> missing = new ArrayList<>(election.missingBeforeSeal(clock));
        java.util.Optional<String> carrying = carryingOver(election);
        carrying.ifPresent(missing::add);
        // The entity cannot see the roll (registration's); the proposal would refuse an empty one.
        if (carrying.isEmpty() && election.state() == ElectionState.REGISTRATION && !election.registrationClosed()
                && registration.rollSize(UUID.fromString(election.id().toString())) == 0) {
            missing.add("the roll is empty: nobody has completed their registration yet");
        }
        return missing;
    }

    /**
     * An organizer proposes the seal: registration closes (the roll freezes) and the seal document
     * and fingerprint are fixed, in one transaction with the registration module. A bailiff must
     * then confirm it.
     */
    public SealView proposeSeal(String id, String organizer) {
        Election election = locked(ElectionId.parse(id));
        java.util.List<String> missing = new ArrayList<>(election.missingBeforeSeal(clock));
        // a second round's roll must be carried over whole before it is frozen (registration refuses to close too)
        carryingOver(election).ifPresent(missing::add);
        if (!missing.isEmpty()) {
            throw new org.openprimary.common.ConflictException("state",
                    "the seal cannot be proposed: " + String.join("; ", missing));
        }
        List<Trustee> trustees = trustees(election);
        List<String> unenrolled = trustees.stream().filter(t -> !t.enrolled()).map(Trustee::username).toList();
        if (!unenrolled.isEmpty()) {
            throw new org.openprimary.common.ConflictException("trustees", "the seal cannot be proposed: these trustees"
                    + " have not chosen their passphrase yet: " + String.join(", ", unenrolled));
        }
        RollCommitment roll = registration.closeRegistration(election.id().value(), clock.instant());
        // Each voter on the frozen roll gets a credential; the seal commits to their hashes.
        byte[] linkKey = new byte[32];
        RANDOM.nextBytes(linkKey);
        List<RollVoter> voters = registration.rollVoters(election.id().value());
        List<UUID> voterIds = new ArrayList<>(voters.size());
        List<UUID> registrants = new ArrayList<>(voters.size());
        List<String> hashes = new ArrayList<>(voters.size());
        for (RollVoter voter : voters) {
            UUID voterId = UUID.randomUUID();
            voterIds.add(voterId);
            registrants.add(voter.registrantId());
            hashes.add(Credentials.hash(Credentials.credential(linkKey, voterId)));
        }
        if (voters.size() != roll.rollSize()) {
            throw new IllegalStateException("the roll's ledger counts " + roll.rollSize() + " voters but "
                    + voters.size() + " are on the roll");
        }
        box.addVoters(election.id().toString(), voterIds, registrants, hashes);
        election.proposeSeal(organizer, roll.rollSize(), roll.ledgerEntries(), roll.ledgerHead(), roll.closedAt(),
                Credentials.commitment(hashes), linkKey, trustees.stream().map(Trustee::username).toList(),
                softwareVersion(), clock);
        java.util.Arrays.fill(linkKey, (byte) 0);
        LOG.info(() -> "Seal of election " + id + " proposed by " + organizer + ": " + election.sealFingerprint().orElse(""));
        return SealView.of(election);
    }

    /** A bailiff confirms the proposed seal with its fingerprint: the election is sealed. */
    public SealView confirmSeal(String id, String bailiff, String fingerprint) {
        Election election = locked(ElectionId.parse(id));
        election.confirmSeal(bailiff, fingerprint, clock);
        makeElectionKey(election);
        LOG.info(() -> "Election " + id + " sealed; confirmed by bailiff " + bailiff);
        return SealView.of(election);
    }

    /**
     * The election key is made the moment the seal is confirmed: its private half is split into one
     * share per trustee (any k rebuild it), each share encrypted to its trustee's passphrase key,
     * then overwritten. A test ballot is encrypted for the trustees' rehearsal.
     */
    private void makeElectionKey(Election election) {
        List<Trustee> trustees = trustees(election);
        BallotCrypto.KeyPair key = BallotCrypto.generateKeyPair();
        try {
            int threshold = election.trusteeThreshold().orElseThrow();
            List<TrusteeShares.Share> shares = TrusteeShares.split(key.privateKey(), threshold, trustees.size());
            for (Trustee trustee : trustees) {
                TrusteeShares.Share share = shares.get(trustee.position() - 1);
                trustee.issueShare(TrusteeShares.seal(share, trustee.publicKey().orElseThrow(),
                        election.id().toString()), share.hash(), clock);
                share.destroy();
            }
            byte[] test = new byte[election.candidateNames().size()];
            byte[] rehearsal = new BallotCrypto.Sealer(election.id().toString(), key.publicKey(), 1, 1000).encrypt(test);
            election.keyGenerated(key.publicKeyBase64(), rehearsal, BoxChain.genesis(election.id().toString(),
                    election.sealFingerprint().orElseThrow(), key.publicKeyBase64()), clock);
        } finally {
            key.destroy();
        }
    }

    /**
     * A bailiff has the election key made anew, between the seal and the opening, when a trustee
     * lost their share (or their passphrase, after choosing a new one): no ballot exists yet, so
     * nothing is lost. Every trustee gets a new share to download; old shares no longer count, and
     * the rehearsal must be held again.
     */
    public List<TrusteeView> reissueKey(String id, String bailiff) {
        Election election = locked(ElectionId.parse(id));
        String old = election.electionPublicKey().orElse("none");
        election.discardKey();
        em.flush();
        makeElectionKey(election);
        ceremonies.forget(election.id().toString());
        LOG.warning(() -> "The key of election " + id + " was made anew by bailiff " + bailiff + " (old public key "
                + old + ", new " + election.electionPublicKey().orElse("") + "): every trustee must download a new share");
        return trustees(election).stream().map(TrusteeView::of).toList();
    }

    /**
     * Names an election's trustees (admin accounts with the trustee role, in order) and how many of
     * them are needed to decrypt. Before the seal only; each must then choose a passphrase.
     */
    public List<TrusteeView> nameTrustees(String id, List<String> usernames, Integer threshold, String organizer) {
        Election election = locked(ElectionId.parse(id));
        if (usernames == null || usernames.isEmpty()) {
            throw new InvalidInputException("trustees", "name at least one trustee (an account with the trustee role)");
        }
        if (threshold == null) {
            throw new InvalidInputException("threshold", "say how many trustees are needed to decrypt");
        }
        election.requireTrustees(usernames.size(), threshold);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < usernames.size(); i++) {
            String username = usernames.get(i) == null ? "" : usernames.get(i).strip();
            if (!accounts.hasRole(username, "trustee")) {
                throw new InvalidInputException("trustees[" + i + "]", "'" + username + "' is not an account with"
                        + " the trustee role");
            }
            if (!seen.add(username)) {
                throw new InvalidInputException("trustees[" + i + "]", "'" + username + "' is named twice");
            }
        }
        for (Trustee old : trustees(election)) {
            em.remove(old);
        }
        em.flush();
        for (int i = 0; i < usernames.size(); i++) {
            em.persist(new Trustee(election.id(), i + 1, usernames.get(i).strip()));
        }
        em.flush();
        LOG.info(() -> "Trustees of election " + id + " named by " + organizer + ": " + usernames.size()
                + ", threshold " + threshold);
        return trustees(election).stream().map(TrusteeView::of).toList();
    }

    /** An election's trustees and where each stands (passphrase chosen, share downloaded). */
    public List<TrusteeView> trusteeViews(String id) {
        return trustees(load(ElectionId.parse(id))).stream().map(TrusteeView::of).toList();
    }

    private List<Trustee> trustees(Election election) {
        return em.createNamedQuery(Trustee.FIND_BY_ELECTION, Trustee.class)
                .setParameter("election", election.id().toString()).getResultList();
    }

    /** The seal as the console sees it, proposed or confirmed. */
    public SealView seal(String id) {
        return SealView.of(load(ElectionId.parse(id)));
    }

    /** The published seal: only once a bailiff confirmed it. */
    public SealView publishedSeal(String id) {
        Election election = load(ElectionId.parse(id));
        if (election.sealedAt().isEmpty()) {
            throw new NotFoundException("id", "this election is not sealed yet");
        }
        return SealView.of(election).withoutAccounts();
    }

    /** The version of the software the seal covers: the voting module's build. */
    static String softwareVersion() {
        String version = ElectionService.class.getPackage().getImplementationVersion();
        return version == null ? "unversioned build" : "openprimary " + version;
    }

    private Election locked(ElectionId id) {
        Election election = em.find(Election.class, id.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (election == null) {
            throw notFound(id.toString());
        }
        return election;
    }

    private static java.time.Instant instant(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text.strip()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + text + "' is not a date and time with its offset,"
                    + " e.g. 2027-01-14T08:00:00+01:00");
        }
    }

    /** Every election, drafts included: for the admin console. */
    public List<ElectionView> all() {
        return em.createNamedQuery(Election.FIND_ALL, Election.class).getResultList().stream()
                .map(ElectionView::of).toList();
    }

    /**
     * The elections the public may see (every state but {@code DRAFT}), optionally only those in
     * one state.
     */
    public List<ElectionView> published(String state) {
        if (state == null || state.isBlank()) {
            return em.createNamedQuery(Election.FIND_PUBLIC, Election.class)
                    .setParameter("draft", ElectionState.DRAFT)
                    .getResultList().stream().map(ElectionView::of).toList();
        }
        ElectionState wanted = parseState(state);
        if (wanted == ElectionState.DRAFT) {
            throw new InvalidInputException("state", "draft elections are not public");
        }
        return em.createNamedQuery(Election.FIND_BY_STATE, Election.class)
                .setParameter("state", wanted)
                .getResultList().stream().map(ElectionView::of).toList();
    }

    private static ElectionState parseState(String state) {
        try {
            return ElectionState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("state", "'" + state + "' is not a state; use one of "
                    + java.util.Arrays.toString(ElectionState.values()));
        }
    }

    private Election load(ElectionId id) {
        Election election = em.find(Election.class, id.toString());
        if (election == null) {
            throw notFound(id.toString());
        }
        return election;
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("id", "no election has the id '" + id + "'");
    }
}
