package org.openprimary.notifications.control;

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
 * Which provider carries each channel: Twilio or the console stand-in for SMS, SMTP or the
 * console stand-in for email. Decided once at start-up; a production start refuses the console
 * stand-ins unless explicitly allowed, and fails the deployment with the reason.
 */
@Singleton
@Startup
public class Channels {

    public static final String SMS_KEY = "openprimary.sms.provider";
    public static final String EMAIL_KEY = "openprimary.email.provider";

    private static final Logger LOG = Logger.getLogger(Channels.class.getName());

    @Inject
    @ConfigProperty(name = RunMode.KEY)
    Optional<String> mode;

    @Inject
    @ConfigProperty(name = StandInPolicy.ALLOW_KEY, defaultValue = "false")
    boolean allowStandIns;

    @Inject
    @ConfigProperty(name = SMS_KEY)
    Optional<String> smsConfigured;

    @Inject
    @ConfigProperty(name = EMAIL_KEY)
    Optional<String> emailConfigured;

    private String sms;
    private String email;

    @PostConstruct
    void choose() {
        StandInPolicy policy = new StandInPolicy(RunMode.parse(mode.orElse(null)), allowStandIns);
        sms = policy.choose(SMS_KEY, smsConfigured.orElse(null), "twilio", "console");
        email = policy.choose(EMAIL_KEY, emailConfigured.orElse(null), "smtp", "console");
        LOG.info(() -> "Notification channels: SMS via " + sms + ", email via " + email);
    }

    public String sms() {
        return sms;
    }

    public String email() {
        return email;
    }
}
