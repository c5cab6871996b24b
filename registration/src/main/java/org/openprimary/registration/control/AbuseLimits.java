package org.openprimary.registration.control;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.openprimary.common.TooManyRequestsException;
import org.openprimary.common.limits.SharedLimiter;

/**
 * Token-bucket limits on registrations (Bucket4j): per client address, per phone-number block
 * and per email domain. On the platform the buckets are kept in PostgreSQL
 * ({@link SharedLimiter} on {@code registration.rate_limit}), so every instance behind the load
 * balancer spends the same budget; without a limiter they live in this instance's memory, at most
 * {@code maxKeys} per kind (the least recently used are forgotten).
 */
public final class AbuseLimits {

    /** One kind of limit: so many per period, for each key. */
    public record Limit(String field, int perPeriod, Duration period) {
    }

    private final Limit perAddress;
    private final Limit perPhoneBlock;
    private final Limit perEmailDomain;
    private final Map<String, Bucket> addresses;
    private final Map<String, Bucket> phoneBlocks;
    private final Map<String, Bucket> emailDomains;
    private final SharedLimiter shared;

    /** Limits in this instance's memory only. */
    public AbuseLimits(Limit perAddress, Limit perPhoneBlock, Limit perEmailDomain, int maxKeys) {
        this(perAddress, perPhoneBlock, perEmailDomain, maxKeys, null);
    }

    /** Limits shared by every instance through {@code shared}'s table. */
    public AbuseLimits(Limit perAddress, Limit perPhoneBlock, Limit perEmailDomain, SharedLimiter shared) {
        this(perAddress, perPhoneBlock, perEmailDomain, 1, shared);
    }

    private AbuseLimits(Limit perAddress, Limit perPhoneBlock, Limit perEmailDomain, int maxKeys, SharedLimiter shared) {
        this.perAddress = perAddress;
        this.perPhoneBlock = perPhoneBlock;
        this.perEmailDomain = perEmailDomain;
        this.shared = shared;
        this.addresses = lru(maxKeys);
        this.phoneBlocks = lru(maxKeys);
        this.emailDomains = lru(maxKeys);
    }

    /**
     * Counts one registration attempt against each limit that applies.
     *
     * @param address the client's address, or {@code null} when unknown
     * @param phoneE164 the phone number, or {@code null}
     * @param emailDomain the email's domain, or {@code null}
     * @throws TooManyRequestsException naming the limit reached and when to retry
     */
    public void attempt(String address, String phoneE164, String emailDomain) {
        if (address != null) {
            take(addresses, address, perAddress, "too many registrations from this network; try again later");
        }
        if (phoneE164 != null) {
            take(phoneBlocks, phoneBlock(phoneE164), perPhoneBlock,
                    "too many registrations with similar phone numbers; try again later");
        }
        if (emailDomain != null) {
            take(emailDomains, emailDomain, perEmailDomain,
                    "too many registrations with this email provider right now; try again later");
        }
    }

    /** Numbers that differ only in their last four digits share a block. */
    static String phoneBlock(String e164) {
        return e164.length() > 6 ? e164.substring(0, e164.length() - 4) : e164;
    }

    private void take(Map<String, Bucket> buckets, String key, Limit limit, String reason) {
        if (shared != null) {
            shared.take(new SharedLimiter.Limit("registration-" + limit.field(), limit.perPeriod(), limit.period()),
                    key, limit.field(), reason);
            return;
        }
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(key, k -> newBucket(limit).get());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyRequestsException(limit.field(), reason, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    private static Supplier<Bucket> newBucket(Limit limit) {
        return () -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.perPeriod())
                        .refillGreedy(limit.perPeriod(), limit.period()).build())
                .build();
    }

    private static Map<String, Bucket> lru(int maxKeys) {
        return Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        });
    }
}
