package org.openprimary.common.config;

import java.util.Locale;
import java.util.Set;

/**
 * Chooses the provider of an external service (SMS, email, card) and refuses a demo stand-in in
 * production unless explicitly allowed. Each module that owns a provider asks this at start-up.
 */
public final class StandInPolicy {

    public static final String ALLOW_KEY = "openprimary.allow-stand-ins";

    private final RunMode mode;
    private final boolean allowStandIns;

    public StandInPolicy(RunMode mode, boolean allowStandIns) {
        this.mode = mode;
        this.allowStandIns = allowStandIns;
    }

    /** How the platform runs. */
    public RunMode mode() {
        return mode;
    }

    /**
     * @param key the configuration key, e.g. {@code openprimary.sms.provider}
     * @param configured the configured value, or {@code null} for the mode's default
     * @param real the real provider's name (the production default)
     * @param standIn the stand-in's name (the demo default)
     * @return the provider to use, {@code real} or {@code standIn}
     * @throws IllegalStateException when the value is unknown, or a stand-in in production
     */
    public String choose(String key, String configured, String real, String standIn) {
        String chosen = configured == null || configured.isBlank()
                ? (mode == RunMode.DEMO ? standIn : real)
                : configured.trim().toLowerCase(Locale.ROOT);
        if (!Set.of(real, standIn).contains(chosen)) {
            throw new IllegalStateException(key + " must be '" + real + "' or '" + standIn
                    + "', not '" + configured + "'");
        }
        if (chosen.equals(standIn) && mode == RunMode.PRODUCTION && !allowStandIns) {
            throw new IllegalStateException("OpenPrimary refuses to start: " + key + "=" + standIn
                    + " is a demo stand-in and " + RunMode.KEY + " is production. Configure the real "
                    + real + " provider, or set " + ALLOW_KEY + "=true to accept the stand-in knowingly.");
        }
        return chosen;
    }
}
