package org.openprimary.registration.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openprimary.common.migration.SchemaMigrator;
import org.openprimary.registration.entity.LedgerEntry;
import org.openprimary.testing.PostgresSession;

/** The roll's ledger in the real PostgreSQL: append-only, whatever the SQL. */
class RollLedgerTableTest {

    private static final DataSource DB = PostgresSession.dataSource();
    private static final String ELECTION = UUID.randomUUID().toString();

    @BeforeAll
    static void migrateAndAppendOneEntry() throws SQLException {
        SchemaMigrator.migrate(DB, RegistrationSchema.SCHEMA, RollLedgerTableTest.class.getClassLoader());
        LedgerEntry entry = LedgerEntry.first(UUID.fromString(ELECTION), LedgerEntry.Kind.REGISTRATION_OPENED,
                "registration opened", Instant.parse("2026-11-24T12:00:00Z"));
        try (Connection c = DB.getConnection()) {
            try (PreparedStatement window = c.prepareStatement(
                    "INSERT INTO registration.registration_window (election_id, opened_at) VALUES (?, ?)")) {
                window.setString(1, ELECTION);
                window.setTimestamp(2, Timestamp.from(entry.recordedAt()));
                window.executeUpdate();
            }
            try (PreparedStatement ledger = c.prepareStatement("INSERT INTO registration.roll_ledger"
                    + " (election_id, seq, kind, detail, recorded_at, roll_size, prev_hash, hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ledger.setString(1, ELECTION);
                ledger.setLong(2, entry.seq());
                ledger.setString(3, entry.kind().name());
                ledger.setString(4, entry.detail());
                ledger.setTimestamp(5, Timestamp.from(entry.recordedAt()));
                ledger.setLong(6, entry.rollSize());
                ledger.setString(7, entry.prevHash());
                ledger.setString(8, entry.hash());
                ledger.executeUpdate();
            }
        }
    }

    @Test
    void anUpdateOfTheLedgerIsRefused() {
        SQLException refused = assertThrows(SQLException.class, () -> execute(
                "UPDATE registration.roll_ledger SET roll_size = 999 WHERE election_id = '" + ELECTION + "'"));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
    }

    @Test
    void aDeleteOrTruncateOfTheLedgerIsRefused() throws SQLException {
        assertThrows(SQLException.class,
                () -> execute("DELETE FROM registration.roll_ledger WHERE election_id = '" + ELECTION + "'"));
        assertThrows(SQLException.class, () -> execute("TRUNCATE registration.roll_ledger"));
        try (Connection c = DB.getConnection();
                ResultSet rows = c.createStatement().executeQuery(
                        "SELECT count(*) FROM registration.roll_ledger WHERE election_id = '" + ELECTION + "'")) {
            rows.next();
            assertEquals(1, rows.getInt(1));
        }
    }

    @Test
    void aLedgerEntryNeedsItsElectionsRegistrationWindow() {
        assertThrows(SQLException.class, () -> execute("INSERT INTO registration.roll_ledger"
                + " (election_id, seq, kind, detail, recorded_at, roll_size, prev_hash, hash) VALUES ('"
                + UUID.randomUUID() + "', 1, 'REGISTRATION_OPENED', 'x', now(), 0, '" + "0".repeat(64) + "', '"
                + "1".repeat(64) + "')"));
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DB.getConnection()) {
            c.createStatement().execute(sql);
        }
    }
}
