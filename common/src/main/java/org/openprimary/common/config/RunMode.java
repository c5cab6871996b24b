package org.openprimary.common.config;

import java.util.Locale;

/**
 * How the platform runs. {@code production} (the default) refuses the demo stand-ins for SMS,
 * email and card unless {@code openprimary.allow-stand-ins=true} says so explicitly; {@code demo}
 * uses them by default.
 */
public enum RunMode {
    DEMO,
    PRODUCTION;

    public static final String KEY = "openprimary.mode";

    public static RunMode parse(String value) {
        if (value == null || value.isBlank()) {
            return PRODUCTION;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "demo" -> DEMO;
            case "production" -> PRODUCTION;
            default -> throw new IllegalArgumentException(
                    KEY + " must be 'demo' or 'production', not '" + value + "'");
        };
    }
}
