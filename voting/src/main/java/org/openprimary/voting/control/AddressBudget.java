package org.openprimary.voting.control;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openprimary.common.TooManyRequestsException;
import org.openprimary.common.limits.SharedLimiter;

/**
 * Per client address limits on voting's public endpoints, shared by every instance through a
 * {@link SharedLimiter}: every code request spends a token of its address's budget (a code costs an
 * SMS); a cast or a receipt lookup costs nothing while it succeeds, and spends a token of the
 * address's refusal budget when it is refused for a wrong credential, code or receipt (guessing).
 * Once an address's refusals are spent, this instance refuses its casts and lookups with a 429
 * until the budget refills, without asking the database: a successful cast costs no round trip
 * more, and a guesser gets at most one more answer per instance, itself a 429.
 */
public final class AddressBudget {

    private static final int MAX_BLOCKED = 100_000;

    private final SharedLimiter shared;
    private final SharedLimiter.Limit codes;
    private final SharedLimiter.Limit refusals;
    private final Clock clock;
    private final Map<String, Instant> blocked = new ConcurrentHashMap<>();

    public AddressBudget(SharedLimiter shared, int codesPerHour, int refusalsPerHour, Clock clock) {
        this.shared = shared;
        this.codes = new SharedLimiter.Limit("voting-codes", codesPerHour, Duration.ofHours(1));
        this.refusals = new SharedLimiter.Limit("voting-refusals", refusalsPerHour, Duration.ofHours(1));
        this.clock = clock;
    }

    /** A code is asked for from {@code address}: one token, or a 429 on {@code address}. */
    public void codeRequested(String address) {
        if (address == null) {
            return;
        }
        shared.take(codes, address, "address", "too many voting codes were asked for from this network; try again later");
    }

    /** Before a cast or a lookup: a 429 while this instance knows the address spent its refusals. */
    public void attempt(String address) {
        if (address == null) {
            return;
        }
        Instant until = blocked.get(address);
        if (until != null) {
            Instant now = clock.instant();
            if (now.isBefore(until)) {
                throw tooManyRefusals(Duration.between(now, until));
            }
            blocked.remove(address, until);
        }
    }

    /**
     * A cast or a lookup from {@code address} was refused (wrong credential, code or receipt): one
     * token of its refusal budget; when none is left, the refusal becomes a 429 (it says no more).
     */
    public void refused(String address) {
        if (address == null) {
            return;
        }
        ConsumptionProbe probe = shared.probe(refusals, address);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            if (blocked.size() > MAX_BLOCKED) {
                blocked.clear(); // a flood of addresses must not exhaust memory; the database still counts
            }
            blocked.put(address, clock.instant().plus(wait));
            throw tooManyRefusals(wait);
        }
    }

    private static TooManyRequestsException tooManyRefusals(Duration wait) {
        return new TooManyRequestsException("address",
                "too many wrong credentials, codes or receipts from this network; try again later", wait);
    }
}
