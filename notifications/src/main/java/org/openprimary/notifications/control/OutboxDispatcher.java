package org.openprimary.notifications.control;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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

    private final AtomicBoolean running = new AtomicBoolean();

    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
    void tick() {
        dispatch();
    }

    /** Delivers what is due now; returns how many messages it handled. */
    public int dispatch() {
        if (!running.compareAndSet(false, true)) {
            return 0;
        }
        int handled = 0;
        try {
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
        } finally {
            running.set(false);
        }
        return handled;
    }
}
