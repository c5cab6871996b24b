package org.openprimary.registration.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.config.RunMode;
import org.openprimary.common.config.StandInPolicy;

/**
 * Who checks the bank-card imprint: Stripe, or the demo's test-card stand-in. Decided once at
 * start-up; a production start refuses the stand-in unless explicitly allowed.
 */
@Singleton
@Startup
public class CardProvider {

    public static final String KEY = "openprimary.card.provider";

    private static final Logger LOG = Logger.getLogger(CardProvider.class.getName());

    @Inject
    @ConfigProperty(name = RunMode.KEY)
    Optional<String> mode;

    @Inject
    @ConfigProperty(name = StandInPolicy.ALLOW_KEY, defaultValue = "false")
    boolean allowStandIns;

    @Inject
    @ConfigProperty(name = KEY)
    Optional<String> configured;

    private String provider;

    @PostConstruct
    void choose() {
        StandInPolicy policy = new StandInPolicy(RunMode.parse(mode.orElse(null)), allowStandIns);
        provider = policy.choose(KEY, configured.orElse(null), "stripe", "demo");
        LOG.info(() -> "Card imprint checked by " + provider);
    }

    public String provider() {
        return provider;
    }
}
