package org.openprimary.voting.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Whether voters are casting on this instance right now: the ballot box notes each mark, and work
 * that can wait (an organizer's campaign being queued) asks before it takes the cores voters need.
 * One volatile write a cast, no lock. Per instance: behind a load balancer that spreads the casts,
 * every instance that casts sees them.
 */
@ApplicationScoped
public class CastActivity {

    private volatile long lastCastNanos = System.nanoTime() - Duration.ofDays(1).toNanos();

    /** A voter's mark was just set. */
    public void cast() {
        lastCastNanos = System.nanoTime();
    }

    /** Whether a voter's mark was set here within {@code window}. */
    public boolean castWithin(Duration window) {
        return System.nanoTime() - lastCastNanos <= window.toNanos();
    }
}
