package org.openprimary.notifications.control;

/**
 * Spaces the messages of one channel so that this instance hands a provider at most
 * {@code perSecond} of them a second (the provider never throttles us): messages are spaced by
 * {@code 1/perSecond}, and an idle pacer gives no credit for the time it was idle, so no burst
 * exceeds the rate either. Each call reserves the next free slot and says how long to wait for it.
 * Thread-safe; the time is passed in (nanoseconds from
 * any fixed origin), so the spacing is tested without waiting.
 */
public final class Pacer {

    private final long interval;
    private long next = Long.MIN_VALUE;

    /** @param perSecond the highest rate, at least 1 */
    public Pacer(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("a channel's rate is at least one message a second");
        }
        this.interval = 1_000_000_000L / perSecond;
    }

    /** Reserves the next slot at {@code nowNanos}; returns the nanoseconds to wait before sending. */
    public synchronized long reserve(long nowNanos) {
        long slot = next == Long.MIN_VALUE || next < nowNanos ? nowNanos : next;
        next = slot + interval;
        return Math.max(0, slot - nowNanos);
    }

    /** Waits for the next slot. */
    public void pace() {
        long wait = reserve(System.nanoTime());
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
