package org.openprimary.common.migration;

import jakarta.annotation.PostConstruct;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A module's schema, brought up to date when the application starts, before anything uses it; a
 * failed migration fails the deployment with the reason. Each module has one {@code @Startup
 * @Singleton} subclass naming its schema and injecting the application's data source.
 */
public abstract class ModuleSchema {

    /** The application's one data source, declared in the EAR's {@code META-INF/application.xml}. */
    public static final String DATA_SOURCE = "java:app/jdbc/openprimary";

    private static final Logger LOG = Logger.getLogger(ModuleSchema.class.getName());

    private volatile MigrationStatus status;

    /** The module's PostgreSQL schema, also the folder of its scripts under {@code db/migration/}. */
    protected abstract String schema();

    protected abstract DataSource dataSource();

    @PostConstruct
    void migrate() {
        status = SchemaMigrator.migrate(dataSource(), schema(), getClass().getClassLoader());
        LOG.info(() -> "Schema " + schema() + " at version " + status.version()
                + " (" + status.appliedNow() + " migration(s) applied now)");
    }

    /** Where the schema stands; {@code null} before start-up finished. */
    public MigrationStatus status() {
        return status;
    }
}
