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
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Links what registrations recorded into each election's roll ledger every
 * {@code openprimary.registration.ledger-chain-millis} (default 1,000), one transaction per election
 * and batch ({@link LedgerChainer}). A non-persistent timer on each instance: the window's lock makes
 * instances take turns, and a read of the ledger chains what is pending itself, so a late tick
 * changes no answer, only how long an event waits to have its place in the chain.
 */
@Singleton
@Startup
@DependsOn("RegistrationSchema")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LedgerChainTimer {

    private static final Logger LOG = Logger.getLogger(LedgerChainTimer.class.getName());

    @Resource
    TimerService timers;

    @EJB
    LedgerChainer chainer;

    @Inject
    @ConfigProperty(name = "openprimary.registration.ledger-chain-millis", defaultValue = "1000")
    long tickMillis;

    private final AtomicBoolean running = new AtomicBoolean();

    /** Whether the last tick failed: a database outage is said once with its cause, not every second. */
    private volatile boolean failing;

    @PostConstruct
    void start() {
        long interval = Math.max(100, tickMillis);
        timers.createIntervalTimer(interval, interval, new TimerConfig("registration-roll-ledger-chain", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous tick is still chaining
        }
        try {
            for (UUID election : chainer.pendingElections()) {
                chainer.settle(election);
            }
            if (failing) {
                failing = false;
                LOG.info("Chaining the roll ledgers' pending events works again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "Chaining the roll ledgers' pending events failed; it runs again at each tick"
                        + " (said again once it works)", e);
            } else {
                LOG.log(Level.FINE, "Chaining the roll ledgers' pending events failed again", e);
            }
        } finally {
            running.set(false);
        }
    }
}
