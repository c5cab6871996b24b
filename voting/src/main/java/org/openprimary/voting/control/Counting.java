package org.openprimary.voting.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.openprimary.tally.boundary.ResultView;
import org.openprimary.tally.boundary.ResultsService;
import org.openprimary.tally.control.BoxChain;
import org.openprimary.voting.entity.Election;

/**
 * The count, once k trustees rebuilt the key: checks the seal and the whole box (every link,
 * every checkpoint and its signature), decrypts every ballot, checks the invariants (marks =
 * ballots in the box = decrypted ballots = the result's total), keeps the decrypted ballots in a
 * random order, hands the grades to tally, and overwrites the key. It runs in the background;
 * {@link CountProgress} shows how far it is. Any failed check stops it, changes nothing, and says why.
 */
@Stateless
public class Counting {

    private static final Logger LOG = Logger.getLogger(Counting.class.getName());
    static final int CHUNK = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @Resource(lookup = "java:app/jdbc/openprimary")
    DataSource dataSource;

    @Inject
    Clock clock;

    @EJB
    BallotBox box;

    @EJB
    CountProgress progress;

    @EJB
    ResultsService results;

    @EJB
    CheckpointSigner signer;

    /** Counts in the background, in a transaction of its own; overwrites the key when done. */
    @Asynchronous
    public void start(String election, byte[] privateKey) {
        progress.started(election, clock.instant());
        try {
            count(election, privateKey);
        } catch (CountFailedException e) {
            LOG.severe(() -> "The count of election " + election + " stopped: " + e.getMessage());
            progress.failed(election, e.getMessage());
            throw new CountRolledBack(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The count of election " + election + " failed", e);
            progress.failed(election, "the count failed unexpectedly; see the server log");
            throw e;
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    void count(String electionId, byte[] privateKey) throws CountFailedException {
        Election election = em.find(Election.class, electionId, LockModeType.PESSIMISTIC_WRITE);
        String document = election.sealDocument().orElseThrow();
        if (!sha256(document).equals(election.sealFingerprint().orElseThrow())) {
            throw new CountFailedException("the seal document does not match its fingerprint: the seal was altered");
        }
        String genesis = election.boxGenesis().orElseThrow();
        box.chain(electionId, genesis);
        em.flush();
        int candidates = election.candidateNames().size();
        int grades = election.scale().names().size();
        long total = box.last(electionId).map(BallotBox.Entry::position).orElse(0L);
        if (total > Integer.MAX_VALUE / candidates) {
            throw new CountFailedException("too many ballots for one count: " + total);
        }
        progress.total(electionId, total);
        Map<Long, BallotBox.Checkpoint> checkpoints = new HashMap<>();
        for (BallotBox.Checkpoint c : box.checkpoints(electionId)) {
            checkpoints.put(c.ballots(), c);
        }
        String signingKey = election.signingPublicKey().orElse(signer.publicKey());
        byte[] ballots = new byte[(int) total * candidates];
        BallotCrypto.Opener opener = new BallotCrypto.Opener(electionId, privateKey);
        String head = genesis;
        checkCheckpoint(electionId, checkpoints.remove(0L), 0, head, signingKey);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT position, encrypted, receipt, head"
                        + " FROM voting.box_entry WHERE election_id = ? ORDER BY position")) {
            select.setFetchSize(CHUNK);
            select.setString(1, electionId);
            try (ResultSet rows = select.executeQuery()) {
                long expected = 0;
                while (rows.next()) {
                    long position = rows.getLong(1);
                    byte[] encrypted = rows.getBytes(2);
                    String receipt = rows.getString(3).strip();
                    expected++;
                    if (position != expected) {
                        throw new CountFailedException("the box has a gap: position " + expected + " is missing");
                    }
                    if (!BoxChain.receipt(encrypted).equals(receipt)) {
                        throw new CountFailedException("the ballot at position " + position + " does not match its receipt");
                    }
                    head = BoxChain.next(head, position, receipt);
                    if (!head.equals(rows.getString(4).strip())) {
                        throw new CountFailedException("the box's chain breaks at position " + position);
                    }
                    BallotBox.Checkpoint checkpoint = checkpoints.remove(position);
                    if (checkpoint != null) {
                        checkCheckpoint(electionId, checkpoint, position, head, signingKey);
                    }
                    byte[] ballot;
                    try {
                        ballot = opener.decrypt(encrypted);
                    } catch (BallotCrypto.UndecryptableBallotException e) {
                        throw new CountFailedException("the ballot at position " + position + ": " + e.getMessage());
                    }
                    if (ballot.length != candidates) {
                        throw new CountFailedException("the ballot at position " + position + " grades " + ballot.length
                                + " candidates, not " + candidates);
                    }
                    for (byte grade : ballot) {
                        if (grade < 0 || grade >= grades) {
                            throw new CountFailedException("the ballot at position " + position + " has a grade off the scale");
                        }
                    }
                    System.arraycopy(ballot, 0, ballots, (int) (position - 1) * candidates, candidates);
                    Arrays.fill(ballot, (byte) 0);
                    if (position % CHUNK == 0) {
                        progress.decrypted(electionId, position);
                    }
                }
                if (expected != total) {
                    throw new CountFailedException("the box holds " + expected + " ballots, its last position says " + total);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the box could not be read", e);
        } finally {
            opener.forget();
        }
        progress.decrypted(electionId, total);
        if (!checkpoints.isEmpty()) {
            throw new CountFailedException("checkpoints for " + checkpoints.keySet() + " ballots match no place in the box");
        }
        long marks = box.marks(electionId);
        if (marks != total) {
            throw new CountFailedException("the box holds " + total + " ballots but " + marks + " voters are marked as"
                    + " having voted");
        }
        shuffle(ballots, candidates);
        ResultView result = results.countBallots(electionId, election.scale().names(), candidates,
                election.candidateNames(), ballots);
        if (result.ballots().longValueExact() != total) {
            throw new CountFailedException("the result counts " + result.ballots() + " ballots, the box " + total);
        }
        keep(electionId, ballots, candidates);
        Arrays.fill(ballots, (byte) 0);
        election.counted(result.json(), clock);
        progress.done(electionId, clock.instant());
        LOG.info(() -> "Election " + electionId + " counted: " + total + " ballots, box and seal verified");
    }

    private void checkCheckpoint(String election, BallotBox.Checkpoint checkpoint, long position, String head,
            String signingKey) throws CountFailedException {
        if (checkpoint == null) {
            return;
        }
        if (!checkpoint.head().equals(head)) {
            throw new CountFailedException("the checkpoint of " + position + " ballots does not match the box");
        }
        if (!BoxChain.signatureValid(BoxChain.checkpointText(election, checkpoint.ballots(), checkpoint.head(),
                checkpoint.at()), checkpoint.signature(), signingKey)) {
            throw new CountFailedException("the signature of the checkpoint of " + position + " ballots is not valid");
        }
    }

    /** Fisher-Yates over whole ballots, so the kept order says nothing of the box's. */
    static void shuffle(byte[] ballots, int candidates) {
        int n = ballots.length / candidates;
        byte[] swap = new byte[candidates];
        for (int i = n - 1; i > 0; i--) {
            int j = RANDOM.nextInt(i + 1);
            if (i != j) {
                System.arraycopy(ballots, i * candidates, swap, 0, candidates);
                System.arraycopy(ballots, j * candidates, ballots, i * candidates, candidates);
                System.arraycopy(swap, 0, ballots, j * candidates, candidates);
            }
        }
    }

    private void keep(String election, byte[] ballots, int candidates) {
        int n = ballots.length / candidates;
        for (int chunk = 0; chunk * CHUNK < n; chunk++) {
            int from = chunk * CHUNK;
            int count = Math.min(CHUNK, n - from);
            em.createNativeQuery("INSERT INTO voting.counted_ballot (election_id, chunk, ballots, grades)"
                    + " VALUES (?, ?, ?, ?)")
                    .setParameter(1, election).setParameter(2, chunk).setParameter(3, count)
                    .setParameter(4, Arrays.copyOfRange(ballots, from * candidates, (from + count) * candidates))
                    .executeUpdate();
        }
    }

    /** The decrypted ballots kept by the count, chunk by chunk, flat (one byte per candidate). */
    @SuppressWarnings("unchecked")
    public List<byte[]> countedChunks(String election) {
        return em.createNativeQuery("SELECT grades FROM voting.counted_ballot WHERE election_id = ? ORDER BY chunk")
                .setParameter(1, election).getResultList();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** A check of the count failed: nothing is counted. */
    static final class CountFailedException extends Exception {

        private static final long serialVersionUID = 1L;

        CountFailedException(String message) {
            super(message);
        }
    }

    /** Rolls the count's transaction back (a system exception), after its reason was recorded. */
    static final class CountRolledBack extends RuntimeException {

        private static final long serialVersionUID = 1L;

        CountRolledBack(String message) {
            super(message);
        }
    }
}
