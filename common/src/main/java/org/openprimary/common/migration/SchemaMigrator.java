package org.openprimary.common.migration;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies one module's migrations to its own PostgreSQL schema, with its own history table
 * ({@code <schema>.flyway_schema_history}). Scripts live in the module's jar under
 * {@code db/migration/<schema>/}. Flyway takes a PostgreSQL advisory lock, so instances that
 * start together migrate once.
 */
public final class SchemaMigrator {

    private SchemaMigrator() {
    }

    /**
     * Migrates {@code schema} to the newest version found by {@code loader}.
     *
     * @throws MigrationFailedException naming the schema and the cause, so a start-up that
     *     cannot migrate stops with a message an operator can act on
     */
    public static MigrationStatus migrate(DataSource dataSource, String schema, ClassLoader loader) {
        try {
            Flyway flyway = Flyway.configure(loader)
                    .dataSource(dataSource)
                    .schemas(schema)
                    .defaultSchema(schema)
                    .createSchemas(true)
                    .locations("classpath:db/migration/" + schema)
                    .failOnMissingLocations(true)
                    .validateMigrationNaming(true)
                    .cleanDisabled(true)
                    .load();
            MigrateResult result = flyway.migrate();
            String version = flyway.info().current() == null
                    ? "none"
                    : flyway.info().current().getVersion().getVersion();
            return new MigrationStatus(schema, version, result.migrationsExecuted);
        } catch (FlywayException e) {
            throw new MigrationFailedException(schema, e);
        }
    }
}
