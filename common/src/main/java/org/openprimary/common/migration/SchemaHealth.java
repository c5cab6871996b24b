package org.openprimary.common.migration;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** The readiness of one module: the database answers and the module's schema is migrated. */
public final class SchemaHealth {

    private SchemaHealth() {
    }

    public static HealthCheckResponse check(String schema, DataSource dataSource, MigrationStatus status) {
        boolean databaseUp = answers(dataSource);
        return HealthCheckResponse.named(schema + "-schema")
                .status(databaseUp && status != null)
                .withData("database", databaseUp ? "UP" : "DOWN")
                .withData("version", status == null ? "not migrated" : status.version())
                .build();
    }

    private static boolean answers(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
