package org.openprimary.voting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openprimary.common.migration.SchemaMigrator;
import org.openprimary.testing.PostgresSession;

/**
 * A receipt looked up while the box is being chained is found, in the intake or in the chain,
 * never in neither: against the real PostgreSQL, the chaining (move from the intake to the chain,
 * one transaction) is made to commit exactly while the lookup runs.
 */
class ReceiptLookupTest {

    private static final DataSource DB = PostgresSession.dataSource();

    @BeforeAll
    static void migrate() throws Exception {
        SchemaMigrator.migrate(DB, "voting", ReceiptLookupTest.class.getClassLoader());
    }

    @Test
    void aBallotChainedWhileItsReceiptIsLookedUpIsFoundInTheChain() throws Exception {
        String election = UUID.randomUUID().toString();
        String receipt = "c".repeat(48) + election.substring(0, 8) + "abcdefab";
        try (Connection c = DB.getConnection(); Statement sql = c.createStatement()) {
            sql.execute("INSERT INTO voting.election (id, title, state, created_at, registration_opened_at)"
                    + " VALUES ('" + election + "', 'Primaire', 'REGISTRATION', now(), now())");
            sql.execute("INSERT INTO voting.ballot_intake (election_id, encrypted, receipt) VALUES ('" + election
                    + "', '\\x00', '" + receipt + "')");
        }
        assertEquals(Optional.of(0L), lookup(election, receipt), "waiting in the intake");

        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Connection chaining = DB.getConnection(); Statement sql = chaining.createStatement()) {
            chaining.setAutoCommit(false);
            // the chaining holds the intake while the lookup starts: the lookup waits for it
            sql.execute("LOCK TABLE voting.ballot_intake IN ACCESS EXCLUSIVE MODE");
            Future<Optional<Long>> lookedUp = other.submit(() -> lookup(election, receipt));
            waitUntilALookupWaitsForTheIntake(sql);
            sql.execute("INSERT INTO voting.box_entry (election_id, position, encrypted, receipt, head) VALUES ('"
                    + election + "', 1, '\\x00', '" + receipt + "', '" + "d".repeat(64) + "')");
            sql.execute("DELETE FROM voting.ballot_intake WHERE receipt = '" + receipt + "'");
            chaining.commit();
            assertEquals(Optional.of(1L), lookedUp.get(30, TimeUnit.SECONDS),
                    "found at its position in the chain, not missing from both");
        } finally {
            other.shutdownNow();
        }
        assertEquals(Optional.empty(), lookup(election, "e".repeat(64)), "an unknown receipt is in neither");
    }

    private static Optional<Long> lookup(String election, String receipt) throws Exception {
        try (Connection c = DB.getConnection(); PreparedStatement find = c.prepareStatement(BallotBox.FIND_RECEIPT)) {
            find.setString(1, election);
            find.setString(2, receipt);
            find.setString(3, election);
            find.setString(4, receipt);
            try (ResultSet row = find.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    private static void waitUntilALookupWaitsForTheIntake(Statement sql) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (ResultSet waiting = sql.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted"
                    + " AND relation = 'voting.ballot_intake'::regclass")) {
                waiting.next();
                if (waiting.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the lookup never waited for the intake");
    }
}
