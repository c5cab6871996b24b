package org.openprimary.common;

import java.time.Duration;

/**
 * An outside service (SMS, email, card) failed, did not answer in time or is busy; the caller can
 * retry as is, after {@link #retryAfter()} (sent as {@code Retry-After}).
 */
public class ServiceUnavailableException extends DomainException {

    private final Duration retryAfter;

    public ServiceUnavailableException(String field, String reason) {
        this(field, reason, ProviderCalls.RETRY_AFTER);
    }

    public ServiceUnavailableException(String field, String reason, Duration retryAfter) {
        super(field, reason);
        this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }

    /** How long to wait before trying again. */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String title() {
        return "Service unavailable";
    }
}
