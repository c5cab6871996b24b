package org.openprimary.notifications.control;

import com.twilio.security.RequestValidator;
import java.util.Map;

/**
 * The authenticity of Twilio's status callbacks: Twilio signs each request ({@code X-Twilio-Signature},
 * an HMAC-SHA1 of the URL it called and the sorted form parameters, keyed with the account's auth
 * token); the SDK's {@link RequestValidator} checks it. The URL is the configured callback URL, the
 * one every SMS carried, so a proxy rewriting the Host header changes nothing; each SMS's callback
 * URL also names our message ({@value #MESSAGE_PARAMETER}, its outbox id), which the signature covers.
 */
public final class TwilioCallbacks {

    /** The query parameter of each SMS's status callback URL that names our outbox message. */
    public static final String MESSAGE_PARAMETER = "m";

    private final RequestValidator validator;
    private final String url;

    public TwilioCallbacks(String authToken, String url) {
        if (authToken == null || authToken.isBlank() || url == null || url.isBlank()) {
            throw new IllegalArgumentException("Twilio callbacks need the auth token and the callback URL");
        }
        this.validator = new RequestValidator(authToken);
        this.url = url;
    }

    /** The URL Twilio calls and signs. */
    public String url() {
        return url;
    }

    /** Whether {@code signature} is Twilio's signature of a request to {@link #url()} with these form parameters. */
    public boolean authentic(Map<String, String> form, String signature) {
        return authentic(form, signature, null);
    }

    /**
     * Whether {@code signature} is Twilio's signature of a request to the callback URL of our message
     * {@code message} ({@link #url()} naming it; {@link #url()} alone when null) with these form parameters.
     */
    public boolean authentic(Map<String, String> form, String signature, String message) {
        if (signature == null || signature.isBlank() || form == null) {
            return false;
        }
        return validator.validate(url(message), form, signature.strip());
    }

    /** The status callback URL an SMS carries: {@link #url()} naming the outbox message. */
    public String url(String message) {
        return message == null ? url : url + (url.contains("?") ? "&" : "?") + MESSAGE_PARAMETER + "=" + message;
    }
}
