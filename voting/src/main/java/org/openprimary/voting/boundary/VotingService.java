package org.openprimary.voting.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.boundary.RegistrationService;
import org.openprimary.tally.control.BoxChain;
import org.openprimary.voting.control.BallotBox;
import org.openprimary.voting.control.BallotCrypto;
import org.openprimary.voting.control.Credentials;
import org.openprimary.voting.control.Sealers;
import org.openprimary.voting.control.VotingTerms;
import org.openprimary.voting.entity.Election;
import org.openprimary.voting.entity.ElectionId;
import org.openprimary.voting.entity.ElectionState;

/**
 * Voting: a voter asks for a code, casts a ballot with their credential and the code, gets a
 * receipt, and checks it is in the box; anyone reads the turnout and the box's checkpoints.
 */
@Stateless
public class VotingService {

    private static final Logger LOG = Logger.getLogger(VotingService.class.getName());

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    BallotBox box;

    @EJB
    Sealers sealers;

    @EJB
    VotingTerms terms;

    @EJB
    RegistrationService registration;

    @EJB
    org.openprimary.registration.boundary.VotingCodeDelivery codeDelivery;

    /**
     * Sends the voter a code to confirm their ballot: SMS by default (or a voice call), by email when
     * the election chose email or the voter has no verified phone.
     *
     * @return how the code went: {@code sms}, {@code call} or {@code email}
     */
    public String requestCode(String electionId, String credential, String channel) {
        VotingTerms.Terms terms = votingTerms(electionId);
        BallotBox.VoterRecord voter = voter(terms.election(), credential);
        if (voter.hasVoted()) {
            throw new ConflictException("credential", "this voter has already voted; a ballot cannot be changed");
        }
        requireOnRoll(voter);
        String sentBy = registration.sendVotingCode(voter.registrantId(), channel, terms.codeByEmail());
        box.signedIn(voter.id());
        return sentBy;
    }

    /**
     * How the voter's last code went, for the voter alone (their credential): {@code by} email or
     * phone, and {@code state}: {@code waiting}, {@code sent}, {@code delivered}, {@code failed}, or
     * {@code none} before any code by email (docs/voting.md). Counts, names and addresses are never said.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public org.openprimary.registration.boundary.VotingCodeDelivery.State codeState(String electionId,
            String credential) {
        VotingTerms.Terms terms = votingTerms(electionId);
        BallotBox.VoterRecord voter = voter(terms.election(), credential);
        if (voter.hasVoted()) {
            throw new ConflictException("credential", "this voter has already voted; a ballot cannot be changed");
        }
        return codeDelivery.of(voter.registrantId());
    }

    /**
     * Casts a ballot: checks the credential, the code and the grades (one per candidate, each of the
     * scale), encrypts the ballot, sets the voter's mark and puts the ballot in the box in one
     * transaction, and sends the receipt. The plaintext is never stored or logged.
     */
    public ReceiptView cast(String electionId, String credential, String code, List<String> grades) {
        VotingTerms.Terms terms = votingTerms(electionId);
        byte[] plaintext = ballot(terms, grades);
        BallotBox.VoterRecord voter = voter(terms.election(), credential);
        if (voter.hasVoted()) {
            throw new ConflictException("credential", "this voter has already voted; a ballot cannot be changed");
        }
        requireOnRoll(voter);
        if (code == null || code.isBlank()) {
            throw new InvalidInputException("code", "give the code received by SMS to confirm the ballot");
        }
        if (!registration.checkVotingCode(voter.registrantId(), code)) {
            throw new InvalidInputException("code", "this code is wrong or has expired; check it or ask for a new one");
        }
        // The server's clock decides, after the code's round trip: a ballot after the close is late.
        if (!terms.open(clock.instant())) {
            throw new ConflictException("state", "voting closed at " + terms.closesAt() + ": this ballot arrived too late");
        }
        if (!box.mark(voter.id())) {
            throw new ConflictException("credential",
                    "this voter has already voted (a ballot cannot be changed) or was just struck off the roll");
        }
        byte[] encrypted = sealers.encrypt(terms.election(), terms.publicKey(), plaintext);
        java.util.Arrays.fill(plaintext, (byte) 0);
        String receipt = BoxChain.receipt(encrypted);
        box.accept(terms.election(), encrypted, receipt);
        registration.sendBallotReceipt(voter.registrantId(), terms.title(), receipt);
        return new ReceiptView(terms.election(), receipt, "ACCEPTED", null);
    }

    /**
     * The frozen terms of an election that accepts ballots now: from this instance's memory once
     * voting, else from the database (and refused with the reason when it does not accept ballots).
     */
    private VotingTerms.Terms votingTerms(String electionId) {
        String id = ElectionId.parse(electionId).toString();
        java.util.Optional<VotingTerms.Terms> kept = terms.of(id);
        if (kept.isPresent() && kept.get().open(clock.instant())) {
            return kept.get();
        }
        Election election = load(electionId);
        requireOpen(election);
        VotingTerms.Terms fresh = new VotingTerms.Terms(id, election.title(), election.candidateNames(),
                election.scale().names(), election.electionPublicKey().orElseThrow(),
                election.votingClosesAt().orElseThrow(), election.votingCodeByEmail());
        terms.keep(fresh);
        return fresh;
    }

    /** Whether a receipt is in the box: waiting to be chained, or chained at a position. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public ReceiptView receipt(String electionId, String receipt) {
        Election election = load(electionId);
        if (receipt == null || !receipt.strip().toLowerCase(Locale.ROOT).matches("[0-9a-f]{64}")) {
            throw new InvalidInputException("receipt", "a receipt is 64 hexadecimal characters");
        }
        String wanted = receipt.strip().toLowerCase(Locale.ROOT);
        return box.find(election.id().toString(), wanted)
                .map(position -> position == 0
                        ? new ReceiptView(election.id().toString(), wanted, "ACCEPTED", null)
                        : new ReceiptView(election.id().toString(), wanted, "IN_BOX", position))
                .orElseThrow(() -> new NotFoundException("receipt", "no ballot with this receipt is in the box"));
    }

    /** Ballots cast and the share of the roll, live. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public TurnoutView turnout(String electionId) {
        Election election = load(electionId);
        long roll = election.rollSize().orElse(0L);
        long ballots = election.state().ordinal() >= ElectionState.VOTING.ordinal()
                ? box.ballots(election.id().toString()) : 0;
        return new TurnoutView(election.id().toString(), election.state().name(), roll, ballots, percent(ballots, roll),
                clock.instant());
    }

    /** Ballots as a share of the roll in percent, exact to 0.01 ("0.00" for an empty roll). */
    static String percent(long ballots, long roll) {
        return roll == 0 ? "0.00" : BigDecimal.valueOf(ballots).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(roll), 2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** The box as the public sees it: keys, the first head, the signed checkpoints. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public BoxView publicBox(String electionId) {
        Election election = load(electionId);
        if (election.electionPublicKey().isEmpty()) {
            throw new NotFoundException("id", "this election has no ballot box yet: it is made at the seal");
        }
        String id = election.id().toString();
        return new BoxView(id, election.state().name(), election.electionPublicKey().get(), BallotCrypto.SCHEME,
                election.signingPublicKey().orElse(null), election.boxGenesis().orElseThrow(),
                box.ballots(id), box.checkpoints(id).stream()
                        .map(c -> new BoxView.CheckpointView(c.ballots(), c.head(), c.at(), c.signature())).toList());
    }

    private BallotBox.VoterRecord voter(String election, String credential) {
        if (credential == null || credential.isBlank()) {
            throw new InvalidInputException("credential", "the voting link carries your credential: open it again");
        }
        return box.voter(election, Credentials.hash(credential.strip()))
                .orElseThrow(() -> new InvalidInputException("credential",
                        "this credential is not one of this election's voters: check the link you received"));
    }

    private byte[] ballot(VotingTerms.Terms terms, List<String> grades) {
        List<String> candidates = terms.candidates();
        List<String> scale = terms.grades();
        if (grades == null) {
            throw new InvalidInputException("grades", "give one grade for each of the " + candidates.size()
                    + " candidates, in the ballot's order");
        }
        if (grades.size() != candidates.size()) {
            throw new InvalidInputException("grades", "give exactly one grade for each of the " + candidates.size()
                    + " candidates, not " + grades.size());
        }
        byte[] ballot = new byte[candidates.size()];
        for (int i = 0; i < grades.size(); i++) {
            String grade = grades.get(i) == null ? null : grades.get(i).strip();
            int index = grade == null ? -1 : scale.indexOf(grade);
            if (index < 0) {
                throw new InvalidInputException("grades[" + i + "]", "give " + candidates.get(i) + " one of the grades "
                        + String.join(", ", scale));
            }
            ballot[i] = (byte) index;
        }
        return ballot;
    }

    private void requireOpen(Election election) {
        if (!election.acceptsBallots(clock)) {
            throw new ConflictException("state", switch (election.state()) {
                case VOTING -> "voting closed at " + election.votingClosesAt().orElseThrow();
                case CLOSED, COUNTED, PUBLISHED -> "voting is closed";
                default -> election.votingOpensAt().isPresent()
                        ? "voting is not open; it opens at " + election.votingOpensAt().get() : "voting is not open";
            });
        }
    }

    private static void requireOnRoll(BallotBox.VoterRecord voter) {
        if (voter.struckOff()) {
            throw new ConflictException("credential",
                    "this voter was struck off the roll by an organizer and a bailiff; the status page says why");
        }
    }

    private Election load(String id) {
        ElectionId electionId = ElectionId.parse(id);
        Election election = em.find(Election.class, electionId.toString());
        if (election == null) {
            throw new NotFoundException("id", "no election has the id '" + id + "'");
        }
        return election;
    }
}
