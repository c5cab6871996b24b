package org.openprimary.voting.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.openprimary.common.migration.MigrationStatus;
import org.openprimary.common.migration.SchemaMigrator;

/**
 * Brings the {@code voting} schema up to date when the application starts, before anything uses
 * it; a failed migration fails the deployment with the reason.
 *
 * <p>The application's one data source, {@value #DATA_SOURCE}, is declared in the EAR's
 * {@code META-INF/application.xml}, so it is bound before any module starts.
 */
// Set once at start-up, then only read: no container lock serializing the callers.
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class VotingSchema {

    public static final String DATA_SOURCE = "java:app/jdbc/openprimary";
    public static final String SCHEMA = "voting";

    private static final Logger LOG = Logger.getLogger(VotingSchema.class.getName());

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    private volatile MigrationStatus status;

    @PostConstruct
    void migrate() {
        status = SchemaMigrator.migrate(dataSource, SCHEMA, VotingSchema.class.getClassLoader());
        LOG.info(() -> "Schema " + SCHEMA + " at version " + status.version()
                + " (" + status.appliedNow() + " migration(s) applied now)");
    }

    public MigrationStatus status() {
        return status;
    }
}
