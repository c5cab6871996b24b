package org.openprimary.notifications.control;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import org.openprimary.common.twilio.ApiBaseHttpClient;
import java.util.Set;

/**
 * SMS through Twilio's Messages API with the real {@code twilio} SDK, from a Messaging Service
 * (which picks the sender number and honours STOP) or, without one, from a sender number. Twilio's
 * answer decides what a failure means: a refused number is permanent, a recipient who sent STOP is
 * opted out, a limit or an outage is retried later.
 */
final class TwilioSmsSender implements Sender {

    /** Twilio's errors for a recipient who replied STOP to our sender. */
    static final int OPTED_OUT = 21610;
    /** Errors after which the same request can succeed later: limits, queue full. */
    private static final Set<Integer> TEMPORARY = Set.of(20429, 30001, 14107);

    /** The Twilio settings, from configuration. */
    record Settings(String accountSid, String authToken, String messagingServiceSid, String from, String apiBase,
            String statusCallback) {

        boolean complete() {
            return present(accountSid) && present(authToken) && (present(messagingServiceSid) || present(from));
        }

        private static boolean present(String value) {
            return value != null && !value.isBlank();
        }
    }

    private final Settings settings;
    private final TwilioRestClient client;

    TwilioSmsSender(Settings settings) {
        if (!settings.complete()) {
            throw new IllegalStateException("OpenPrimary cannot send SMS: set openprimary.twilio.account-sid,"
                    + " openprimary.twilio.auth-token and openprimary.twilio.messaging-service-sid (or"
                    + " openprimary.twilio.sms-from) (OPENPRIMARY_TWILIO_ACCOUNT_SID, ...), or choose the console"
                    + " stand-in for a demo");
        }
        this.settings = settings;
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken());
        if (Settings.present(settings.apiBase())) {
            builder.httpClient(new ApiBaseHttpClient(URI.create(settings.apiBase())));
        }
        this.client = builder.build();
    }

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public String send(java.util.UUID messageId, String recipient, Templates.Rendered message) throws DeliveryException {
        PhoneNumber to = new PhoneNumber(recipient);
        MessageCreator creator = Settings.present(settings.messagingServiceSid())
                ? Message.creator(to, settings.messagingServiceSid(), message.text())
                : Message.creator(to, new PhoneNumber(settings.from()), message.text());
        if (Settings.present(settings.statusCallback())) {
            // Our message's id rides along: Twilio's reports of it name it even if our record of the
            // hand-over was lost (the instance died before its commit), so it is not sent twice.
            creator.setStatusCallback(URI.create(settings.statusCallback() + (settings.statusCallback().contains("?")
                    ? "&" : "?") + TwilioCallbacks.MESSAGE_PARAMETER + "=" + messageId));
        }
        try {
            Message sent = creator.create(client);
            return sent.getSid();
        } catch (ApiException e) {
            throw translate(e, recipient);
        } catch (TwilioException e) {
            throw new DeliveryException("Twilio could not be reached: " + Masking.text(e.getMessage(), recipient),
                    false, e);
        }
    }

    private static DeliveryException translate(ApiException e, String recipient) {
        Integer code = e.getCode();
        Integer status = e.getStatusCode();
        String reason = "Twilio " + (code == null ? "" : code + " ") + Masking.text(e.getMessage(), recipient);
        if (code != null && code == OPTED_OUT) {
            return DeliveryException.optedOut(reason, e);
        }
        boolean temporary = (code != null && TEMPORARY.contains(code)) || status == null || status == 429
                || status >= 500;
        return new DeliveryException(reason, !temporary, e);
    }
}
