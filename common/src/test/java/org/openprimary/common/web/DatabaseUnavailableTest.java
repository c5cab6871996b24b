package org.openprimary.common.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.openprimary.testing.PostgresSession;

/**
 * The failures of a real PostgreSQL that is stopped (its own, not the session's) are recognized
 * as the database being out of reach, however deeply EJB and JPA wrap them; a refusal by a running
 * database (a constraint) and a plain bug are not.
 */
class DatabaseUnavailableTest {

    @Test
    void aSessionEndedByTheServerStoppingAndARefusedConnectionAreTheDatabaseOutOfReach() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "embedded-pg-outage"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setOverrideWorkingDirectory(work.toFile()).start();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        try (Connection open = DriverManager.getConnection(url)) {
            open.createStatement().execute("SELECT 1");
            postgres.close(); // pg_ctl stop: the open session is ended
            SQLException ended = assertThrows(SQLException.class, () -> open.createStatement().execute("SELECT 1"));
            assertTrue(DatabaseUnavailable.causedBy(new EJBException(new PersistenceException("commit failed", ended))),
                    ended.getSQLState() + " " + ended);
        }
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
        assertTrue(DatabaseUnavailable.causedBy(new EJBException(new PersistenceException(refused))),
                refused.getSQLState() + " " + refused);
    }

    @Test
    void aConstraintRefusedByARunningDatabaseOrABugIsNot() throws Exception {
        try (Connection db = PostgresSession.dataSource().getConnection(); Statement sql = db.createStatement()) {
            sql.execute("CREATE TEMPORARY TABLE once (id INT PRIMARY KEY)");
            sql.execute("INSERT INTO once VALUES (1)");
            SQLException duplicate = assertThrows(SQLException.class, () -> sql.execute("INSERT INTO once VALUES (1)"));
            assertFalse(DatabaseUnavailable.causedBy(new EJBException(new PersistenceException(duplicate))));
        }
        assertFalse(DatabaseUnavailable.causedBy(new EJBException(new IllegalStateException("a bug"))));
        assertFalse(DatabaseUnavailable.causedBy(new SQLException("no state")));
    }

    @Test
    void theStatesOfAConnectionLostOrAServerStoppingAndAFailedResourceManagerAreRecognized() {
        for (String state : new String[] {"08001", "08006", "08003", "57P01", "57P02", "57P03", "53300"}) {
            assertTrue(DatabaseUnavailable.unavailable(state), state);
        }
        for (String state : new String[] {"23505", "40001", "42P01", "22001", null}) {
            assertFalse(DatabaseUnavailable.unavailable(state), String.valueOf(state));
        }
        assertTrue(DatabaseUnavailable.causedBy(new EJBException(new Exception("commit",
                new javax.transaction.xa.XAException(javax.transaction.xa.XAException.XAER_RMFAIL)))));
        assertFalse(DatabaseUnavailable.causedBy(new EJBException(new Exception("commit",
                new javax.transaction.xa.XAException(javax.transaction.xa.XAException.XA_RBDEADLOCK)))));
    }
}
