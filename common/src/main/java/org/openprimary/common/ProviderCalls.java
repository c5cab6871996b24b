package org.openprimary.common;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * A bulkhead in front of an outside provider (Twilio, Stripe) called while a citizen waits: at most
 * {@code limit} calls at once on this instance. When the provider is slow, the calls in flight wait
 * at most their HTTP timeouts, and every call beyond the limit is answered at once with a 503 and
 * {@code Retry-After} instead of taking another request thread: a slow provider never holds the whole
 * server (the casts, the pages, the other providers) with it (drill 4 of issue 5, docs/security.md).
 */
public final class ProviderCalls {

    /** What a citizen is told to wait when the provider is busy or down. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final String provider;
    private final String field;
    private final Semaphore permits;

    /**
     * @param provider what the citizen is told is unavailable, e.g. "the SMS provider"
     * @param field the request's field a refusal names
     * @param limit calls at once on this instance, at least 1
     */
    public ProviderCalls(String provider, String field, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a provider's concurrent calls must be at least 1, not " + limit);
        }
        this.provider = provider;
        this.field = field;
        this.permits = new Semaphore(limit);
    }

    /** A call to the provider, which may fail with the provider's own exception. */
    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T get() throws E;
    }

    /** Runs the call if a place is free, else refuses it at once (503, the caller can retry as is). */
    public <T, E extends Exception> T call(Call<T, E> call) throws E {
        if (!permits.tryAcquire()) {
            throw new ServiceUnavailableException(field, provider + " is busy; try again in a moment", RETRY_AFTER);
        }
        try {
            return call.get();
        } finally {
            permits.release();
        }
    }
}
