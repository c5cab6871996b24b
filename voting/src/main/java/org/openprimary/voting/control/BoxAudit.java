package org.openprimary.voting.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.LongConsumer;
import org.openprimary.tally.control.BoxChain;

/**
 * The heart of the count, plain Java over a JDBC connection (so the benchmark runs exactly this):
 * reads the box in position order, recomputes every receipt and link of the chain from the first
 * head, checks every checkpoint against the recomputed head and its signature, decrypts every
 * ballot and checks it grades each candidate once on the scale. Checkpoints it met are removed
 * from the map given; the caller checks none is left.
 */
public final class BoxAudit {

    static final int FETCH = 10_000;

    private BoxAudit() {
    }

    /**
     * @return the decrypted ballots in box order, flat: {@code candidates} grade numbers per ballot
     */
    public static byte[] audit(Connection connection, String election, String genesis,
            Map<Long, BallotBox.Checkpoint> checkpoints, String signingKey, byte[] privateKey, int candidates,
            int grades, long total, LongConsumer progress) throws SQLException, CountFailedException {
        long lastSigned = checkpoints.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
        if (lastSigned != total) {
            throw new CountFailedException(lastSigned < 0 ? "the box has no signed checkpoint"
                    : "the last signed checkpoint covers " + lastSigned + " ballots, the box holds " + total);
        }
        byte[] ballots = new byte[Math.toIntExact(total * candidates)];
        BallotCrypto.Opener opener = new BallotCrypto.Opener(election, privateKey);
        String head = genesis;
        check(election, checkpoints.remove(0L), 0, head, signingKey);
        boolean autoCommit = connection.getAutoCommit();
        try (PreparedStatement select = connection.prepareStatement("SELECT position, encrypted, receipt, head"
                + " FROM voting.box_entry WHERE election_id = ? ORDER BY position")) {
            if (autoCommit) {
                connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            }
            select.setFetchSize(FETCH);
            select.setString(1, election);
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
                    if (expected > total) {
                        throw new CountFailedException("the box holds more ballots than its last position, " + total);
                    }
                    if (!BoxChain.receipt(encrypted).equals(receipt)) {
                        throw new CountFailedException("the ballot at position " + position + " does not match its receipt");
                    }
                    head = BoxChain.next(head, position, receipt);
                    if (!head.equals(rows.getString(4).strip())) {
                        throw new CountFailedException("the box's chain breaks at position " + position);
                    }
                    check(election, checkpoints.remove(position), position, head, signingKey);
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
                            throw new CountFailedException("the ballot at position " + position
                                    + " has a grade off the scale");
                        }
                    }
                    System.arraycopy(ballot, 0, ballots, (int) (position - 1) * candidates, candidates);
                    Arrays.fill(ballot, (byte) 0);
                    if (position % FETCH == 0) {
                        progress.accept(position);
                    }
                }
                if (expected != total) {
                    throw new CountFailedException("the box holds " + expected + " ballots, its last position says " + total);
                }
            }
        } finally {
            opener.forget();
            if (autoCommit) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
        progress.accept(total);
        return ballots;
    }

    private static void check(String election, BallotBox.Checkpoint checkpoint, long position, String head,
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

    /** A check of the count failed: nothing is counted, and the message says what and where. */
    public static final class CountFailedException extends Exception {

        private static final long serialVersionUID = 1L;

        public CountFailedException(String message) {
            super(message);
        }
    }
}
