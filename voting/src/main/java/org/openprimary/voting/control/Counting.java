package org.openprimary.voting.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
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
        } catch (BoxAudit.CountFailedException e) {
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

    void count(String electionId, byte[] privateKey) throws BoxAudit.CountFailedException {
        Election election = em.find(Election.class, electionId, LockModeType.PESSIMISTIC_WRITE);
        String document = election.sealDocument().orElseThrow();
        if (!Digests.sha256(document).equals(election.sealFingerprint().orElseThrow())) {
            throw new BoxAudit.CountFailedException("the seal document does not match its fingerprint: the seal was altered");
        }
        String genesis = election.boxGenesis().orElseThrow();
        box.chain(electionId, genesis);
        em.flush();
        int candidates = election.candidateNames().size();
        int grades = election.scale().names().size();
        long total = box.last(electionId).map(BallotBox.Entry::position).orElse(0L);
        if (total > Integer.MAX_VALUE / candidates) {
            throw new BoxAudit.CountFailedException("too many ballots for one count: " + total);
        }
        if (total > election.rollSize().orElse(0L)) {
            throw new BoxAudit.CountFailedException("the box holds " + total + " ballots, more than the "
                    + election.rollSize().orElse(0L) + " voters on the sealed roll");
        }
        progress.total(electionId, total);
        Map<Long, BallotBox.Checkpoint> checkpoints = new HashMap<>();
        for (BallotBox.Checkpoint c : box.checkpoints(electionId)) {
            checkpoints.put(c.ballots(), c);
        }
        String signingKey = election.signingPublicKey().orElse(signer.publicKey());
        byte[] ballots;
        try (Connection connection = dataSource.getConnection()) {
            ballots = BoxAudit.audit(connection, electionId, genesis, checkpoints, signingKey, privateKey,
                    candidates, grades, total, done -> progress.decrypted(electionId, done));
        } catch (SQLException e) {
            throw new IllegalStateException("the box could not be read", e);
        }
        progress.decrypted(electionId, total);
        if (!checkpoints.isEmpty()) {
            throw new BoxAudit.CountFailedException("checkpoints for " + checkpoints.keySet() + " ballots match no place in the box");
        }
        long marks = box.marks(electionId);
        if (marks != total) {
            throw new BoxAudit.CountFailedException("the box holds " + total + " ballots but " + marks + " voters are marked as"
                    + " having voted");
        }
        shuffle(ballots, candidates);
        ResultView result = results.countBallots(electionId, election.scale().names(), candidates,
                election.candidateNames(), ballots);
        if (result.ballots().longValueExact() != total) {
            throw new BoxAudit.CountFailedException("the result counts " + result.ballots() + " ballots, the box " + total);
        }
        keep(electionId, ballots, candidates);
        Arrays.fill(ballots, (byte) 0);
        election.counted(result.json(), clock);
        progress.done(electionId, clock.instant());
        LOG.info(() -> "Election " + electionId + " counted: " + total + " ballots, box and seal verified");
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

    /** Rolls the count's transaction back (a system exception), after its reason was recorded. */
    static final class CountRolledBack extends RuntimeException {

        private static final long serialVersionUID = 1L;

        CountRolledBack(String message) {
            super(message);
        }
    }
}
