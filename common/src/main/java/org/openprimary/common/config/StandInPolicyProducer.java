package org.openprimary.common.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's {@link StandInPolicy}, from {@code openprimary.mode} and
 * {@code openprimary.allow-stand-ins}: every module that chooses a provider injects it.
 */
@ApplicationScoped
public class StandInPolicyProducer {

    @Inject
    @ConfigProperty(name = RunMode.KEY)
    Optional<String> mode;

    @Inject
    @ConfigProperty(name = StandInPolicy.ALLOW_KEY, defaultValue = "false")
    boolean allowStandIns;

    @Produces
    StandInPolicy policy() {
        return new StandInPolicy(RunMode.parse(mode.orElse(null)), allowStandIns);
    }
}
