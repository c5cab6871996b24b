package org.openprimary.common;

import java.time.Duration;

/** A limit was reached (attempts, codes, requests); the caller may try again after a while. */
public class TooManyRequestsException extends DomainException {

    private final Duration retryAfter;

    public TooManyRequestsException(String field, String reason, Duration retryAfter) {
        super(field, reason);
        this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }

    /** How long to wait before trying again; sent as {@code Retry-After}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public int status() {
        return 429;
    }

    @Override
    public String title() {
        return "Too many requests";
    }
}
