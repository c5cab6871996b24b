package org.openprimary.registration.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.openprimary.common.migration.SchemaHealth;

/** Ready when the database answers and the {@code registration} schema is migrated. */
@Readiness
@ApplicationScoped
public class RegistrationReadiness implements HealthCheck {

    @Resource(lookup = RegistrationSchema.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    RegistrationSchema schema;

    @Override
    public HealthCheckResponse call() {
        return SchemaHealth.check(RegistrationSchema.SCHEMA, dataSource, schema.status());
    }
}
