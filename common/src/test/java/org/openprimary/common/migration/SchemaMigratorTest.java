package org.openprimary.common.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openprimary.testing.PostgresSession;

/** Against the real (embedded) PostgreSQL that test-support starts for this JVM. */
class SchemaMigratorTest {

    private final DataSource db = PostgresSession.dataSource();

    @Test
    void migratesIntoItsOwnSchemaWithItsOwnHistoryAndOnlyOnce() throws SQLException {
        MigrationStatus first = SchemaMigrator.migrate(db, "sample", getClass().getClassLoader());
        assertEquals(new MigrationStatus("sample", "2", 2), first);
        MigrationStatus again = SchemaMigrator.migrate(db, "sample", getClass().getClassLoader());
        assertEquals(new MigrationStatus("sample", "2", 0), again);
        try (Connection c = db.getConnection();
                ResultSet rows = c.createStatement().executeQuery(
                        "SELECT (SELECT name FROM sample.sample WHERE id = 1),"
                                + " (SELECT count(*) FROM sample.flyway_schema_history WHERE success AND type = 'SQL')")) {
            assertTrue(rows.next());
            assertEquals("first", rows.getString(1));
            assertEquals(2, rows.getInt(2));
        }
    }

    @Test
    void aFailedMigrationNamesTheSchemaAndLeavesNothingHalfDone() throws SQLException {
        MigrationFailedException failed = assertThrows(MigrationFailedException.class,
                () -> SchemaMigrator.migrate(db, "broken", getClass().getClassLoader()));
        assertTrue(failed.getMessage().contains("schema 'broken'"), failed.getMessage());
        assertTrue(failed.getMessage().contains("cannot start"), failed.getMessage());
        try (Connection c = db.getConnection();
                ResultSet rows = c.createStatement().executeQuery(
                        "SELECT count(*) FROM information_schema.tables"
                                + " WHERE table_schema = 'broken' AND table_name = 'broken'")) {
            assertTrue(rows.next());
            assertEquals(0, rows.getInt(1), "the transactional DDL of the failed script was rolled back");
        }
    }

    @Test
    void aSchemaWithoutMigrationsIsAnError() {
        MigrationFailedException failed = assertThrows(MigrationFailedException.class,
                () -> SchemaMigrator.migrate(db, "nothing_here", getClass().getClassLoader()));
        assertFalse(failed.getMessage().isBlank());
    }
}
