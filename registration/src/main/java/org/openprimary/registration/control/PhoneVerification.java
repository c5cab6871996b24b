package org.openprimary.registration.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.config.StandInPolicy;

/**
 * Which phone verifier the application uses, decided at start-up from {@code openprimary.sms.provider}:
 * Twilio Verify, or the console stand-in (refused in production unless explicitly allowed).
 */
// Set once at start-up, then only read: no container lock serializing the callers.
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@Startup
public class PhoneVerification {

    public static final String KEY = "openprimary.sms.provider";

    private static final Logger LOG = Logger.getLogger(PhoneVerification.class.getName());

    @Inject
    StandInPolicy policy;

    @Inject
    @ConfigProperty(name = KEY)
    Optional<String> configured;

    @EJB
    ConsolePhoneVerifier console;

    @EJB
    TwilioPhoneVerifier twilio;

    private PhoneVerifier chosen;
    private boolean standIn;

    @PostConstruct
    void choose() {
        String provider = policy.choose(KEY, configured.orElse(null), "twilio", "console");
        standIn = provider.equals("console");
        chosen = standIn ? console : twilio;
        if (!standIn) {
            twilio.checkConfigured();
        }
        LOG.info(() -> "Phone codes sent by " + provider);
    }

    public PhoneVerifier verifier() {
        return chosen;
    }

    /** Whether the console stand-in is in use (its codes are then shown in the console). */
    public boolean isStandIn() {
        return standIn;
    }
}
