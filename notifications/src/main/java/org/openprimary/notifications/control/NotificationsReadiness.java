package org.openprimary.notifications.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.openprimary.common.migration.SchemaHealth;

/** Ready when the database answers and the {@code notifications} schema is migrated. */
@Readiness
@ApplicationScoped
public class NotificationsReadiness implements HealthCheck {

    @Resource(lookup = NotificationsSchema.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    NotificationsSchema schema;

    @Override
    public HealthCheckResponse call() {
        return SchemaHealth.check(NotificationsSchema.SCHEMA, dataSource, schema.status());
    }
}
