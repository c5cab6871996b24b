package org.openprimary.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The address citizens reach the platform at ({@code openprimary.public-url}): every link the
 * platform sends is made of it (the email link, the voting link, the unsubscribe link) and Twilio
 * calls back to it. In the demo it defaults to {@code http://localhost:8080}; a production start
 * refuses to go on without one that citizens can reach: set, {@code https}, not a loopback or local
 * name. Otherwise every link sent would lead nowhere.
 */
public final class PublicAddress {

    public static final String KEY = "openprimary.public-url";
    public static final String DEMO_DEFAULT = "http://localhost:8080";

    private PublicAddress() {
    }

    /**
     * The public address to make links of, without a trailing slash.
     *
     * @throws IllegalStateException in production, when it is missing or cannot be reached by citizens
     */
    public static String check(RunMode mode, Optional<String> configured) {
        String value = configured.map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
        if (mode == RunMode.DEMO) {
            return (value == null ? DEMO_DEFAULT : value).replaceAll("/+$", "");
        }
        if (value == null) {
            throw refused("is not set");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw refused("is not an address (" + e.getReason() + ")");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw refused("must be an https address, not '" + value + "'");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("[::1]") || host.equals("::1") || host.equals("0.0.0.0")) {
            throw refused("must be an address citizens can reach, not '" + value + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw refused("must be a plain address (no user, query or fragment), not '" + value + "'");
        }
        return value.replaceAll("/+$", "");
    }

    private static IllegalStateException refused(String why) {
        return new IllegalStateException("OpenPrimary refuses to start: " + KEY + " (OPENPRIMARY_PUBLIC_URL) " + why
                + ". Every link sent to citizens is made of it: set it to the https address they reach the"
                + " platform at, e.g. https://vote.example.org");
    }
}
