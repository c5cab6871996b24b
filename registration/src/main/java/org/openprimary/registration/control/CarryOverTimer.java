package org.openprimary.registration.control;

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
import org.openprimary.registration.boundary.CarryOverService;

/**
 * Takes up every second round's carry-over that is not done, every
 * {@code openprimary.registration.carry-over-tick-seconds} (default 30): one whose instance died,
 * restarted or met a failing batch midway goes on from its last committed batch. A non-persistent
 * timer on each instance, like the retention purge's: each batch claims its window with
 * {@code SKIP LOCKED} ({@link RollCarryOver}), so however many instances tick, a batch runs once.
 * The opening of a second round's registration does not wait for it: it starts the carry-over on
 * the managed executor as it commits.
 */
@Singleton
@Startup
@DependsOn("RegistrationSchema")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CarryOverTimer {

    private static final Logger LOG = Logger.getLogger(CarryOverTimer.class.getName());

    @Resource
    TimerService timers;

    @EJB
    CarryOverService carryOver;

    @Inject
    @ConfigProperty(name = "openprimary.registration.carry-over-tick-seconds", defaultValue = "30")
    long tickSeconds;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void start() {
        long interval = Math.max(1, tickSeconds) * 1000L;
        timers.createIntervalTimer(interval, interval, new TimerConfig("registration-roll-carry-over", false));
    }

    @Timeout
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous tick is still carrying
        }
        try {
            carryOver.carryUnfinished();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The carry-over of second rounds' rolls failed; it runs again at the next tick", e);
        } finally {
            running.set(false);
        }
    }
}
