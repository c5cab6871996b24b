package org.openprimary.registration.control;

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
 * Brings the {@code registration} schema up to date when the application starts, before anything uses
 * it; a failed migration fails the deployment with the reason.
 */
// Set once at start-up, then only read: no container lock serializing the callers.
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class RegistrationSchema {

    public static final String DATA_SOURCE = "java:app/jdbc/openprimary"; // declared in the EAR's application.xml
    public static final String SCHEMA = "registration";

    private static final Logger LOG = Logger.getLogger(RegistrationSchema.class.getName());

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    private volatile MigrationStatus status;

    @PostConstruct
    void migrate() {
        status = SchemaMigrator.migrate(dataSource, SCHEMA, RegistrationSchema.class.getClassLoader());
        LOG.info(() -> "Schema " + SCHEMA + " at version " + status.version()
                + " (" + status.appliedNow() + " migration(s) applied now)");
    }

    public MigrationStatus status() {
        return status;
    }
}
