package org.openprimary.notifications.control;

import jakarta.annotation.PostConstruct;
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
 * Which provider carries each channel: Twilio or the console stand-in for SMS, SMTP or the
 * console stand-in for email. Decided once at start-up; a production start refuses the console
 * stand-ins unless explicitly allowed, and fails the deployment with the reason.
 */
// Set once at start-up, then only read: no container lock serializing the callers.
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@Startup
public class Channels {

    public static final String SMS_KEY = "openprimary.sms.provider";
    public static final String EMAIL_KEY = "openprimary.email.provider";

    private static final Logger LOG = Logger.getLogger(Channels.class.getName());

    @Inject
    StandInPolicy policy;

    @Inject
    @ConfigProperty(name = SMS_KEY)
    Optional<String> smsConfigured;

    @Inject
    @ConfigProperty(name = EMAIL_KEY)
    Optional<String> emailConfigured;

    @Inject
    @ConfigProperty(name = "openprimary.smtp.host")
    Optional<String> smtpHost;

    @Inject
    @ConfigProperty(name = "openprimary.smtp.port", defaultValue = "587")
    int smtpPort;

    @Inject
    @ConfigProperty(name = "openprimary.smtp.username")
    Optional<String> smtpUsername;

    @Inject
    @ConfigProperty(name = "openprimary.smtp.password")
    Optional<String> smtpPassword;

    @Inject
    @ConfigProperty(name = "openprimary.smtp.from")
    Optional<String> smtpFrom;

    @Inject
    @ConfigProperty(name = "openprimary.smtp.starttls", defaultValue = "true")
    boolean smtpStartTls;

    @Inject
    @ConfigProperty(name = "openprimary.twilio.account-sid")
    Optional<String> twilioAccountSid;

    @Inject
    @ConfigProperty(name = "openprimary.twilio.auth-token")
    Optional<String> twilioAuthToken;

    @Inject
    @ConfigProperty(name = "openprimary.twilio.messaging-service-sid")
    Optional<String> twilioMessagingServiceSid;

    @Inject
    @ConfigProperty(name = "openprimary.twilio.sms-from")
    Optional<String> twilioSmsFrom;

    @Inject
    @ConfigProperty(name = "openprimary.twilio.api-base")
    Optional<String> twilioApiBase;

    /** Where Twilio posts its status callbacks; by default the public address's webhook. */
    @Inject
    @ConfigProperty(name = "openprimary.twilio.status-callback-url")
    Optional<String> twilioStatusCallbackUrl;

    @Inject
    @ConfigProperty(name = org.openprimary.common.config.PublicAddress.KEY)
    Optional<String> publicUrlConfigured;

    /** The checked public address (the demo's default, or production's https address). */
    private String publicUrl;

    @Inject
    @ConfigProperty(name = "openprimary.notifications.sms-per-second", defaultValue = "10")
    int smsPerSecond;

    @Inject
    @ConfigProperty(name = "openprimary.notifications.email-per-second", defaultValue = "20")
    int emailPerSecond;

    private String sms;
    private String email;
    private Sender emailSender;
    private Sender smsSender;
    private Pacer emailPacer;
    private Pacer smsPacer;
    private TwilioCallbacks twilioCallbacks;

    @PostConstruct
    void choose() {
        // A production start without an address citizens can reach stops here: every link would lead nowhere.
        publicUrl = org.openprimary.common.config.PublicAddress.check(policy.mode(), publicUrlConfigured);
        sms = policy.choose(SMS_KEY, smsConfigured.orElse(null), "twilio", "console");
        email = policy.choose(EMAIL_KEY, emailConfigured.orElse(null), "smtp", "console");
        if (email.equals("smtp")) {
            if (smtpHost.filter(h -> !h.isBlank()).isEmpty() || smtpFrom.filter(f -> !f.isBlank()).isEmpty()) {
                throw new IllegalStateException("OpenPrimary cannot send email: set openprimary.smtp.host and"
                        + " openprimary.smtp.from (OPENPRIMARY_SMTP_HOST, OPENPRIMARY_SMTP_FROM), or choose the console"
                        + " stand-in for a demo");
            }
            emailSender = new SmtpSender(new SmtpSender.Settings(smtpHost.get(), smtpPort, smtpUsername.orElse(null),
                    smtpPassword.orElse(null), smtpFrom.get(), smtpStartTls));
        } else {
            emailSender = new ConsoleSender();
        }
        if (sms.equals("console")) {
            smsSender = new ConsoleSender();
        } else {
            String callback = statusCallbackUrl(twilioStatusCallbackUrl.orElse(null), publicUrl);
            smsSender = new TwilioSmsSender(new TwilioSmsSender.Settings(twilioAccountSid.orElse(null),
                    twilioAuthToken.orElse(null), twilioMessagingServiceSid.orElse(null),
                    twilioSmsFrom.orElse(null), twilioApiBase.orElse(null), callback));
            // The sender refused an incomplete configuration: the auth token is there.
            twilioCallbacks = new TwilioCallbacks(twilioAuthToken.get(), callback);
            LOG.info(() -> "Twilio status callbacks go to " + callback);
        }
        emailPacer = new Pacer(emailPerSecond);
        smsPacer = new Pacer(smsPerSecond);
        LOG.info(() -> "Notification channels: SMS via " + sms + " (" + smsPerSecond + "/s), email via " + email
                + " (" + emailPerSecond + "/s)");
    }

    /** Where Twilio's status callbacks go when Twilio sends the SMS. */
    public static final String STATUS_CALLBACK_PATH = "/api/notifications/twilio/status";

    /**
     * The URL every SMS names as its status callback: the configured one, or the public address
     * followed by {@link #STATUS_CALLBACK_PATH}. Twilio signs its callbacks over this very URL, so
     * the webhook checks signatures against it, never against the Host a request came with (a
     * proxy in front may change it).
     */
    static String statusCallbackUrl(String configured, String publicUrl) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return publicUrl.strip().replaceAll("/+$", "") + STATUS_CALLBACK_PATH;
    }

    /** Twilio's status callbacks, checked with the account's auth token; empty with the console stand-in. */
    public Optional<TwilioCallbacks> twilioCallbacks() {
        return Optional.ofNullable(twilioCallbacks);
    }

    /** The sender for a channel ({@code EMAIL} or {@code SMS}). */
    public Sender sender(String channel) {
        return channel.equals("EMAIL") ? emailSender : smsSender;
    }

    /** The configured rate of a channel ({@code EMAIL} or {@code SMS}), messages a second from this instance. */
    public int perSecond(String channel) {
        return channel.equals("EMAIL") ? emailPerSecond : smsPerSecond;
    }

    /** The pacer that keeps a channel ({@code EMAIL} or {@code SMS}) under its configured rate. */
    public Pacer pacer(String channel) {
        return channel.equals("EMAIL") ? emailPacer : smsPacer;
    }

    public String sms() {
        return sms;
    }

    public String email() {
        return email;
    }
}
