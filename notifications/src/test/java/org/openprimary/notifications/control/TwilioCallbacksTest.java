package org.openprimary.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Twilio's signature of its status callbacks, checked by the SDK's real {@code RequestValidator};
 * the requests are signed here as Twilio's documentation says (HMAC-SHA1 of the URL followed by each
 * form parameter's name and value, sorted by name, keyed with the auth token, in Base64), an
 * implementation independent of the SDK's.
 */
class TwilioCallbacksTest {

    private static final String TOKEN = "test-auth-token-0123456789abcdef";
    private static final String URL = "https://primaire.example/api/notifications/twilio/status";

    static String sign(String token, String url, Map<String, String> form) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> callback() {
        Map<String, String> form = new HashMap<>();
        form.put("AccountSid", "AC00000000000000000000000000000001");
        form.put("MessageSid", "SM00000000000000000000000000000042");
        form.put("MessageStatus", "delivered");
        form.put("To", "+33612345678");
        form.put("ApiVersion", "2010-04-01");
        return form;
    }

    private final TwilioCallbacks callbacks = new TwilioCallbacks(TOKEN, URL);

    @Test
    void aCallbackSignedWithTheAuthTokenOverTheConfiguredUrlIsAuthentic() throws Exception {
        Map<String, String> form = callback();
        assertTrue(callbacks.authentic(form, sign(TOKEN, URL, form)));
    }

    @Test
    void aTamperedParameterAnAddedOneOrAnotherTokenIsRefused() throws Exception {
        Map<String, String> form = callback();
        String signature = sign(TOKEN, URL, form);

        Map<String, String> tampered = callback();
        tampered.put("MessageStatus", "undelivered");
        assertFalse(callbacks.authentic(tampered, signature));

        Map<String, String> added = callback();
        added.put("ErrorCode", "30003");
        assertFalse(callbacks.authentic(added, signature));

        assertFalse(callbacks.authentic(form, sign("another-token", URL, form)));
    }

    @Test
    void theSignatureIsCheckedOverTheConfiguredUrlNotTheHostTheRequestCameWith() throws Exception {
        Map<String, String> form = callback();
        // Someone who calls the instance directly (behind the proxy) signs the address they called.
        String direct = sign(TOKEN, "http://10.0.0.12:8080/api/notifications/twilio/status", form);
        assertFalse(callbacks.authentic(form, direct));
    }

    @Test
    void aMissingOrMalformedSignatureIsRefused() {
        assertFalse(callbacks.authentic(callback(), null));
        assertFalse(callbacks.authentic(callback(), " "));
        assertFalse(callbacks.authentic(callback(), "not-base64-at-all"));
    }

    @Test
    void theCallbackUrlIsThePublicAddressUnlessConfigured() {
        assertEquals("https://primaire.example/api/notifications/twilio/status",
                Channels.statusCallbackUrl(null, "https://primaire.example/"));
        assertEquals("http://localhost:8080/api/notifications/twilio/status",
                Channels.statusCallbackUrl(" ", "http://localhost:8080"));
        assertEquals("https://hooks.example/twilio", Channels.statusCallbackUrl("https://hooks.example/twilio ",
                "https://primaire.example"));
    }
}
