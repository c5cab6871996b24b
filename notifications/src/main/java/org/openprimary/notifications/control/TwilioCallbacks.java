package org.openprimary.notifications.control;

import com.twilio.security.RequestValidator;
import java.util.Map;

/**
 * The authenticity of Twilio's status callbacks: Twilio signs each request ({@code X-Twilio-Signature},
 * an HMAC-SHA1 of the URL it called and the sorted form parameters, keyed with the account's auth
 * token); the SDK's {@link RequestValidator} checks it. The URL is the configured callback URL, the
 * one every SMS carried, so a proxy rewriting the Host header changes nothing.
 */
public final class TwilioCallbacks {

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
        if (signature == null || signature.isBlank() || form == null) {
            return false;
        }
        return validator.validate(url, form, signature.strip());
    }
}
