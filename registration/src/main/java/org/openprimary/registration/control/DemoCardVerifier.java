package org.openprimary.registration.control;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.openprimary.common.InvalidInputException;

/**
 * The demo's stand-in for Stripe: a test-card flow with no provider. The "card" is a test number
 * typed in the demo page (e.g. 4242 4242 4242 4242); its fingerprint is derived from the number,
 * so the same test number twice is a duplicate, as the same real card would be with Stripe. The
 * setup id carries the registration it belongs to. Refused in production.
 */
@Stateless
@LocalBean
public class DemoCardVerifier implements CardVerifier {

    static final String PREFIX = "seti_demo_";

    @Override
    public Setup start(String registrantId) {
        return new Setup(PREFIX + registrantId, "demo_secret_" + registrantId, "pk_demo");
    }

    @Override
    public String fingerprint(String setupId, String registrantId, String demoCard) {
        if (!(PREFIX + registrantId).equals(setupId)) {
            throw new InvalidInputException("setupId", "this card setup belongs to another registration");
        }
        String digits = demoCard == null ? "" : demoCard.replaceAll("[\\s-]", "");
        if (!digits.matches("\\d{12,19}")) {
            throw new InvalidInputException("demoCard", "type a test card number, e.g. 4242 4242 4242 4242");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("demo-card:" + digits).getBytes(StandardCharsets.US_ASCII));
            return "demo_" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
