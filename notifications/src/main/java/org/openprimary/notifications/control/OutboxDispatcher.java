package org.openprimary.notifications.control;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox every two seconds: claims a batch of due messages (several instances share
 * the work: rows are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease), then delivers each
 * in a transaction of its own.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxDispatcher {

    static final int BATCH = 100;
    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class.getName());

    @EJB
    OutboxDelivery delivery;

    private final ReentrantLock running = new ReentrantLock();

    /** The timer's round: skipped when a round is still going on in this instance. */
    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
    void tick() {
        if (running.tryLock()) {
            try {
                deliverDue();
            } finally {
                running.unlock();
            }
        }
    }

    /**
     * Delivers what is due now, after any round going on in this instance has finished; returns how
     * many messages this call handled.
     */
    public int dispatch() {
        running.lock();
        try {
            return deliverDue();
        } finally {
            running.unlock();
        }
    }

    private int deliverDue() {
        int handled = 0;
        List<Long> claimed;
        do {
            claimed = delivery.claim(BATCH);
            for (Long id : claimed) {
                try {
                    delivery.deliver(id);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Delivering outbox message " + id + " failed", e);
                }
            }
            handled += claimed.size();
        } while (claimed.size() == BATCH);
        return handled;
    }
}
