package org.openprimary.voting.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.openprimary.common.migration.SchemaHealth;

/** Ready when the database answers and the {@code voting} schema is migrated. */
@Readiness
@ApplicationScoped
public class VotingReadiness implements HealthCheck {

    @Resource(lookup = VotingSchema.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    VotingSchema schema;

    @Override
    public HealthCheckResponse call() {
        return SchemaHealth.check(VotingSchema.SCHEMA, dataSource, schema.status());
    }
}
