package org.openprimary.voting.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
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
 * <p>The application's one data source is declared here, for the whole application
 * ({@code java:app}); its URL, user and password come from MicroProfile Config
 * ({@code OPENPRIMARY_DB_URL}, {@code OPENPRIMARY_DB_USER}, {@code OPENPRIMARY_DB_PASSWORD}).
 */
@DataSourceDefinition(
        name = VotingSchema.DATA_SOURCE,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=openprimary.db.url}",
        user = "${MPCONFIG=openprimary.db.user}",
        password = "${MPCONFIG=openprimary.db.password}",
        initialPoolSize = 2,
        minPoolSize = 2,
        maxPoolSize = 32,
        maxIdleTime = 300)
@Singleton
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
