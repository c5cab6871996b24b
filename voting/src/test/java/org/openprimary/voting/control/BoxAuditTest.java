package org.openprimary.voting.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openprimary.common.migration.SchemaMigrator;
import org.openprimary.tally.control.BoxChain;
import org.openprimary.testing.PostgresSession;

/**
 * The count's audit of the ballot box in the real PostgreSQL: an honest box decrypts to its
 * ballots, and every way a database administrator could tamper with it (bypassing the append-only
 * triggers) is caught with a message that says where.
 */
class BoxAuditTest {

    private static final DataSource DB = PostgresSession.dataSource();
    private static final int CANDIDATES = 3;
    private static final int GRADES = 5;
    private static final int BALLOTS = 50;
    private static final Instant T0 = Instant.parse("2027-01-14T07:00:00.123456Z");

    private static KeyPair signing;
    private static String signingKey;

    private String election;
    private String genesis;
    private BallotCrypto.KeyPair key;
    private byte[] plain;

    @BeforeAll
    static void migrate() throws Exception {
        SchemaMigrator.migrate(DB, "voting", BoxAuditTest.class.getClassLoader());
        signing = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        signingKey = Base64.getEncoder().encodeToString(signing.getPublic().getEncoded());
    }

    /** A box of 50 ballots with checkpoints after 0, 20 and 50 of them. */
    @BeforeEach
    void fillABox() throws Exception {
        election = UUID.randomUUID().toString();
        key = BallotCrypto.generateKeyPair();
        genesis = BoxChain.genesis(election, "f".repeat(64), key.publicKeyBase64());
        BallotCrypto.Sealer sealer = new BallotCrypto.Sealer(election, key.publicKey(), 8, 60_000);
        Random random = new Random(42);
        plain = new byte[BALLOTS * CANDIDATES];
        try (Connection c = DB.getConnection()) {
            execute(c, "INSERT INTO voting.election (id, title, state, created_at, registration_opened_at)"
                    + " VALUES ('" + election + "', 'Primaire', 'REGISTRATION', now(), now())");
            String head = genesis;
            checkpoint(c, 0, head, 0);
            for (int p = 1; p <= BALLOTS; p++) {
                byte[] ballot = new byte[CANDIDATES];
                for (int i = 0; i < CANDIDATES; i++) {
                    ballot[i] = (byte) random.nextInt(GRADES);
                }
                System.arraycopy(ballot, 0, plain, (p - 1) * CANDIDATES, CANDIDATES);
                byte[] encrypted = sealer.encrypt(ballot);
                String receipt = BoxChain.receipt(encrypted);
                head = BoxChain.next(head, p, receipt);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO voting.box_entry"
                        + " (election_id, position, encrypted, receipt, head) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setString(1, election);
                    insert.setLong(2, p);
                    insert.setBytes(3, encrypted);
                    insert.setString(4, receipt);
                    insert.setString(5, head);
                    insert.executeUpdate();
                }
                if (p == 20 || p == BALLOTS) {
                    checkpoint(c, p, head, p);
                }
            }
        }
    }

    @Test
    void anHonestBoxDecryptsToItsBallotsInBoxOrder() throws Exception {
        assertArrayEquals(plain, audit(BALLOTS));
    }

    @Test
    void theBoxAndItsCheckpointsRefuseUpdatesAndDeletes() {
        SQLException refused = assertThrows(SQLException.class, () -> sql("UPDATE voting.box_entry SET receipt = receipt"
                + " WHERE election_id = '" + election + "'"));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        assertThrows(SQLException.class, () -> sql("DELETE FROM voting.box_checkpoint WHERE election_id = '" + election + "'"));
    }

    @Test
    void anAlteredBallotIsCaughtByItsReceipt() throws Exception {
        tamper("UPDATE voting.box_entry SET encrypted = overlay(encrypted placing '\\xff'::bytea from 40 for 1)"
                + " WHERE election_id = '" + election + "' AND position = 7");
        assertFails("the ballot at position 7 does not match its receipt", BALLOTS);
    }

    @Test
    void aBallotRewrittenWithItsReceiptAndChainIsCaughtByTheSignedCheckpoint() throws Exception {
        // A forger with the public key replaces ballot 5 by one of their own and rewrites every
        // receipt and head after it consistently; only the signed checkpoints stand in the way.
        byte[] forged = new BallotCrypto.Sealer(election, key.publicKey(), 1, 1000).encrypt(new byte[] {4, 4, 4});
        rewriteFrom(5, forged);
        assertFails("the checkpoint of 20 ballots does not match the box", BALLOTS);
    }

    @Test
    void aRemovedBallotLeavesAGap() throws Exception {
        tamper("DELETE FROM voting.box_entry WHERE election_id = '" + election + "' AND position = 33");
        assertFails("the box has a gap: position 33 is missing", BALLOTS);
    }

    @Test
    void reorderedBallotsBreakTheChain() throws Exception {
        String where = " WHERE election_id = '" + election + "' AND position = ";
        tamper("UPDATE voting.box_entry SET position = 1000" + where + "11; UPDATE voting.box_entry SET position = 11"
                + where + "12; UPDATE voting.box_entry SET position = 12" + where + "1000");
        assertFails("the box's chain breaks at position 11", BALLOTS);
    }

    @Test
    void aBallotAddedAfterTheLastCheckpointIsNotCoveredBySignature() throws Exception {
        byte[] stuffed = new BallotCrypto.Sealer(election, key.publicKey(), 1, 1000).encrypt(new byte[] {4, 4, 4});
        String receipt = BoxChain.receipt(stuffed);
        String head;
        try (Connection c = DB.getConnection(); Statement s = c.createStatement();
                var rows = s.executeQuery("SELECT head FROM voting.box_entry WHERE election_id = '" + election
                        + "' AND position = " + BALLOTS)) {
            rows.next();
            head = rows.getString(1).strip();
        }
        try (Connection c = DB.getConnection(); PreparedStatement insert = c.prepareStatement("INSERT INTO"
                + " voting.box_entry (election_id, position, encrypted, receipt, head) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, election);
            insert.setLong(2, BALLOTS + 1);
            insert.setBytes(3, stuffed);
            insert.setString(4, receipt);
            insert.setString(5, BoxChain.next(head, BALLOTS + 1, receipt));
            insert.executeUpdate();
        }
        assertFails("the last signed checkpoint covers 50 ballots, the box holds 51", BALLOTS + 1);
    }

    @Test
    void aForgedCheckpointSignatureIsCaught() throws Exception {
        String forged = Base64.getEncoder().encodeToString(new byte[64]);
        tamper("UPDATE voting.box_checkpoint SET signature = '" + forged + "' WHERE election_id = '" + election
                + "' AND ballots = 20");
        assertFails("the signature of the checkpoint of 20 ballots is not valid", BALLOTS);
    }

    @Test
    void aBallotForAnotherElectionOrKeyDoesNotDecrypt() throws Exception {
        byte[] foreign = new BallotCrypto.Sealer(election, BallotCrypto.generateKeyPair().publicKey(), 1, 1000)
                .encrypt(new byte[] {1, 1, 1});
        rewriteFrom(BALLOTS, foreign);
        resign(BALLOTS);
        assertFails("the ballot at position 50: the ballot does not decrypt with the election key", BALLOTS);
    }

    private byte[] audit(long total) throws Exception {
        Map<Long, BallotBox.Checkpoint> checkpoints = new HashMap<>();
        try (Connection c = DB.getConnection(); Statement s = c.createStatement();
                var rows = s.executeQuery("SELECT ballots, head, made_at, signature FROM voting.box_checkpoint"
                        + " WHERE election_id = '" + election + "'")) {
            while (rows.next()) {
                checkpoints.put(rows.getLong(1), new BallotBox.Checkpoint(rows.getLong(1), rows.getString(2).strip(),
                        rows.getTimestamp(3).toInstant(), rows.getString(4)));
            }
        }
        List<Long> progress = new ArrayList<>();
        try (Connection c = DB.getConnection()) {
            byte[] ballots = BoxAudit.audit(c, election, genesis, checkpoints, signingKey, key.privateKey(), CANDIDATES,
                    GRADES, total, progress::add);
            assertEquals(total, progress.get(progress.size() - 1));
            assertTrue(checkpoints.isEmpty(), "every checkpoint was met: " + checkpoints.keySet());
            return ballots;
        }
    }

    private void assertFails(String message, long total) {
        BoxAudit.CountFailedException failed = assertThrows(BoxAudit.CountFailedException.class, () -> audit(total));
        assertTrue(failed.getMessage().startsWith(message), failed.getMessage());
    }

    /** Replaces the ballot at {@code from} and rewrites every later receipt and head consistently. */
    private void rewriteFrom(int from, byte[] replacement) throws Exception {
        try (Connection c = DB.getConnection()) {
            execute(c, "SET session_replication_role = replica"); // what a superuser can do: triggers off
            String head;
            try (Statement s = c.createStatement(); var rows = s.executeQuery("SELECT head FROM voting.box_entry"
                    + " WHERE election_id = '" + election + "' AND position = " + (from - 1))) {
                head = rows.next() ? rows.getString(1).strip() : genesis;
            }
            for (int p = from; p <= BALLOTS; p++) {
                byte[] encrypted;
                if (p == from) {
                    encrypted = replacement;
                } else {
                    try (Statement s = c.createStatement(); var rows = s.executeQuery("SELECT encrypted FROM"
                            + " voting.box_entry WHERE election_id = '" + election + "' AND position = " + p)) {
                        rows.next();
                        encrypted = rows.getBytes(1);
                    }
                }
                String receipt = BoxChain.receipt(encrypted);
                head = BoxChain.next(head, p, receipt);
                try (PreparedStatement update = c.prepareStatement("UPDATE voting.box_entry SET encrypted = ?,"
                        + " receipt = ?, head = ? WHERE election_id = ? AND position = ?")) {
                    update.setBytes(1, encrypted);
                    update.setString(2, receipt);
                    update.setString(3, head);
                    update.setString(4, election);
                    update.setLong(5, p);
                    update.executeUpdate();
                }
            }
        }
    }

    /** Signs the checkpoint at {@code ballots} again over the box as it now is (the key's holder only). */
    private void resign(int ballots) throws Exception {
        try (Connection c = DB.getConnection()) {
            execute(c, "SET session_replication_role = replica");
            execute(c, "DELETE FROM voting.box_checkpoint WHERE election_id = '" + election + "' AND ballots = " + ballots);
            String head;
            try (Statement s = c.createStatement(); var rows = s.executeQuery("SELECT head FROM voting.box_entry"
                    + " WHERE election_id = '" + election + "' AND position = " + ballots)) {
                rows.next();
                head = rows.getString(1).strip();
            }
            checkpoint(c, ballots, head, ballots + 1000);
        }
    }

    private void checkpoint(Connection c, long ballots, String head, int seconds) throws Exception {
        Instant at = T0.plusSeconds(seconds);
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign((PrivateKey) signing.getPrivate());
        signature.update(BoxChain.checkpointText(election, ballots, head, at).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO voting.box_checkpoint"
                + " (election_id, ballots, head, made_at, signature) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, election);
            insert.setLong(2, ballots);
            insert.setString(3, head);
            insert.setTimestamp(4, Timestamp.from(at));
            insert.setString(5, Base64.getEncoder().encodeToString(signature.sign()));
            insert.executeUpdate();
        }
    }

    private void tamper(String statement) throws SQLException {
        try (Connection c = DB.getConnection()) {
            execute(c, "SET session_replication_role = replica");
            execute(c, statement);
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = DB.getConnection()) {
            execute(c, statement);
        }
    }

    private static void execute(Connection c, String statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
