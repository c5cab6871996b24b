package org.openprimary.voting.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Voting opens and closes by itself: every {@code openprimary.voting.tick-seconds} (default 5) this
 * timer opens what is due, closes what is due, and every {@code openprimary.box.checkpoint-seconds}
 * (default 60) chains the box and signs a checkpoint; it also hands the organizers' campaigns that
 * are due (scheduled ones whose time came, sent ones whose queuing nobody holds: an instance died
 * midway) to the managed executor, so that queuing a national roll never holds the clock back.
 * Non-persistent timers: each instance ticks, and each step happens once however many instances
 * tick: opening and closing under the election's row lock (the state is checked after it), one
 * checkpoint per period (the row lock, then the last checkpoint's time: docs/deployment.md), the
 * chain under an advisory lock, campaigns under their lease.
 */
@Singleton
@Startup
@DependsOn("VotingSchema")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class VotingClock {

    private static final Logger LOG = Logger.getLogger(VotingClock.class.getName());

    @Resource
    TimerService timers;

    @EJB
    BoxKeeper keeper;

    @EJB
    org.openprimary.voting.boundary.ElectionCampaigns campaigns;

    @Inject
    @ConfigProperty(name = "openprimary.voting.tick-seconds", defaultValue = "5")
    long tickSeconds;

    @Inject
    @ConfigProperty(name = "openprimary.box.checkpoint-seconds", defaultValue = "60")
    long checkpointSeconds;

    @Resource
    jakarta.enterprise.concurrent.ManagedExecutorService executor;

    /** Campaigns this instance is queuing now, so that a tick does not hand the same one over twice. */
    private final java.util.Set<String> queuing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final AtomicBoolean running = new AtomicBoolean();
    private long ticks;

    @EJB
    CheckpointSigner signer;

    @PostConstruct
    void start() {
        // A production start without the signing key stops here, with the reason; the demo makes one.
        LOG.info(() -> "Ballot box checkpoints are signed with the Ed25519 key " + signer.publicKey());
        long period = Math.max(1, tickSeconds) * 1000;
        timers.createIntervalTimer(period, period, new TimerConfig("openprimary voting clock", false));
    }

    @Timeout
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            ticks++;
            boolean checkpointDue = ticks % Math.max(1, checkpointSeconds / Math.max(1, tickSeconds)) == 0;
            for (String election : keeper.active()) {
                try {
                    keeper.openIfDue(election);
                    if (checkpointDue) {
                        keeper.checkpoint(election, java.time.Duration.ofMillis(checkpointSeconds * 900));
                    }
                    keeper.closeIfDue(election);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "The voting clock could not handle election " + election, e);
                }
            }
            for (String campaign : campaigns.due()) {
                if (queuing.add(campaign)) {
                    try {
                        executor.execute(() -> {
                            try {
                                campaigns.queueDue(campaign);
                            } catch (RuntimeException e) {
                                LOG.log(Level.WARNING, "The voting clock could not queue the campaign " + campaign
                                        + " (it is taken up again once its lease runs out)", e);
                            } finally {
                                queuing.remove(campaign);
                            }
                        });
                    } catch (RuntimeException e) {
                        queuing.remove(campaign);
                        LOG.log(Level.WARNING, "The voting clock could not hand the campaign " + campaign + " over", e);
                    }
                }
            }
        } finally {
            running.set(false);
        }
    }
}
