package org.openprimary.notifications.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox, each channel on a thread of its own, so that one provider's pace never holds
 * the other's messages back (an SMS campaign paced at ten a second does not delay an email link).
 * Each round claims at most a second's worth of the channel's due messages (several instances
 * share the work: rows are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease), transactional
 * ones first, then delivers each in a transaction of its own; so a message queued while a campaign
 * is being sent waits about a second, not a whole batch. An idle channel looks again every two
 * seconds.
 */
@Singleton
@Startup
@DependsOn({"NotificationsSchema", "Channels"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxDispatcher {

    /** The most messages claimed in one round. */
    static final int BATCH = 100;
    static final List<String> CHANNELS = List.of("SMS", "EMAIL");
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class.getName());

    @EJB
    OutboxDelivery delivery;

    @EJB
    Channels channels;

    @Resource
    ManagedThreadFactory threads;

    private final Map<String, ReentrantLock> running = Map.of("SMS", new ReentrantLock(), "EMAIL", new ReentrantLock());
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        for (String channel : CHANNELS) {
            Thread loop = threads.newThread(() -> loop(channel));
            loop.setName("openprimary-outbox-" + channel.toLowerCase(java.util.Locale.ROOT));
            loop.setDaemon(true);
            loops.add(loop);
            loop.start();
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        loops.forEach(Thread::interrupt);
        for (Thread loop : loops) {
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Delivers what is due now on every channel, after any round going on in this instance has
     * finished; returns how many messages this call handled.
     */
    public int dispatch() {
        int handled = 0;
        for (String channel : CHANNELS) {
            ReentrantLock lock = running.get(channel);
            lock.lock();
            try {
                handled += deliverDue(channel);
            } finally {
                lock.unlock();
            }
        }
        return handled;
    }

    /** How many messages a round of this channel claims: a second's worth at its pace, at most {@link #BATCH}. */
    static int batch(int perSecond) {
        return Math.max(1, Math.min(BATCH, perSecond));
    }

    private void loop(String channel) {
        while (!stopping) {
            try {
                Thread.sleep(IDLE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            ReentrantLock lock = running.get(channel);
            if (!lock.tryLock()) {
                continue; // a dispatch() call is delivering this channel
            }
            try {
                deliverDue(channel);
            } catch (RuntimeException e) {
                if (!stopping) {
                    LOG.log(Level.WARNING, "The " + channel + " outbox round failed; next round in " + IDLE, e);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private int deliverDue(String channel) {
        int batch = batch(channels.perSecond(channel));
        int handled = 0;
        List<Long> claimed;
        do {
            claimed = delivery.claim(channel, batch);
            for (Long id : claimed) {
                try {
                    delivery.deliver(id);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Delivering outbox message " + id + " failed", e);
                }
            }
            handled += claimed.size();
        } while (claimed.size() == batch && !stopping);
        return handled;
    }
}
