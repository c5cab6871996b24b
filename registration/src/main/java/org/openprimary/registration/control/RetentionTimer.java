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
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.registration.boundary.PurgeReport;
import org.openprimary.registration.boundary.RetentionService;

/**
 * Runs the retention purge every {@code openprimary.registration.purge-interval-minutes} (default
 * 60). A non-persistent timer on each instance: the purge itself claims each election with
 * {@code FOR UPDATE SKIP LOCKED} and marks it purged, so however many instances tick, each
 * election is purged once. A wrong retention setting stops the deployment rather than keeping data
 * for a period nobody chose.
 */
@Singleton
@Startup
@DependsOn("RegistrationSchema")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RetentionTimer {

    private static final Logger LOG = Logger.getLogger(RetentionTimer.class.getName());

    @Resource
    TimerService timers;

    @EJB
    RetentionService retention;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "openprimary.registration.retention", defaultValue = RetentionPeriod.DEFAULT)
    String period;

    @Inject
    @ConfigProperty(name = "openprimary.registration.purge-interval-minutes", defaultValue = "60")
    long intervalMinutes;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void start() {
        RetentionPeriod.parse(period); // refuses a wrong setting at start-up
        long interval = Math.max(1, intervalMinutes) * 60_000L;
        timers.createIntervalTimer(interval, interval, new TimerConfig("registration-retention-purge", false));
    }

    @Timeout
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous run is still purging
        }
        try {
            PurgeReport report = retention.purgeDue(clock.instant());
            if (report.registrationsErased() > 0 || !report.electionsPurged().isEmpty()) {
                LOG.info(() -> "Retention purge: " + report.registrationsErased() + " registrations erased, elections "
                        + report.electionsPurged() + " done");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The retention purge failed; it runs again at the next tick", e);
        } finally {
            running.set(false);
        }
    }
}
