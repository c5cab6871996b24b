package org.openprimary.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.control.RollCarryOver;
import org.openprimary.registration.entity.RegistrationWindow;

/**
 * A second round's roll, carried over from its first round in the background: opening its
 * registration counts the voters to carry ({@link RegistrationService#carryOverRoll}); then batches
 * of {@code openprimary.registration.carry-over-batch} registrants (default 5,000), each in a
 * transaction of its own ({@link RollCarryOver}), copy them, started on the managed executor as the
 * opening commits, and taken up again by {@link org.openprimary.registration.control.CarryOverTimer}
 * after a failure, a crash or a restart. Until the carry-over is done the second round's
 * registration does not close (so its seal cannot be proposed).
 */
@Stateless
public class CarryOverService {

    private static final Logger LOG = Logger.getLogger(CarryOverService.class.getName());

    /** Registrants carried per transaction unless configured otherwise. */
    static final int DEFAULT_BATCH = 5_000;

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    @EJB
    RollCarryOver batches;

    @Inject
    @ConfigProperty(name = "openprimary.registration.carry-over-batch", defaultValue = "" + DEFAULT_BATCH)
    int batch;

    /**
     * Carries the election's roll over, batch after batch, until it is done, until another instance
     * holds it, or until a batch fails (said on the window, and taken up again by the timer). Safe to
     * call at any time, from any instance, any number of times at once.
     *
     * @return how many registrants this call carried or left out
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long carry(UUID electionId) {
        long handled = 0;
        try {
            for (Optional<RollCarryOver.Batch> next = batches.carryNext(electionId, batchSize()); next.isPresent();
                    next = next.get().finished() ? Optional.empty() : batches.carryNext(electionId, batchSize())) {
                handled += next.get().carried() + next.get().leftOut();
                if (next.get().finished()) {
                    Optional<CarryOverProgress> done = carryOver(electionId);
                    LOG.info(() -> "Second round " + electionId + ": roll carried over from its first round, "
                            + done.map(d -> d.carried() + " voters carried, " + d.notCarried() + " left out of "
                                    + d.total()).orElse(""));
                }
            }
        } catch (RuntimeException e) {
            String why = rootMessage(e);
            // the container has logged the failure with its stack already
            LOG.warning(() -> "Second round " + electionId + ": a batch of the carry-over failed (" + why
                    + "); it is taken up again where it stopped");
            try {
                batches.stalled(electionId, why);
            } catch (RuntimeException again) {
                LOG.log(Level.WARNING, "Second round " + electionId + ": the carry-over's stop could not be said", again);
            }
        }
        return handled;
    }

    /** Every carry-over not done yet, each as far as it goes now: for the timer. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long carryUnfinished() {
        long handled = 0;
        for (UUID election : batches.unfinished()) {
            handled += carry(election);
        }
        return handled;
    }

    /**
     * Where the second round's carry-over stands (how many of how many, done or not, why it stopped),
     * or empty for a first round.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<CarryOverProgress> carryOver(UUID electionId) {
        RegistrationWindow window = electionId == null ? null : em.find(RegistrationWindow.class, electionId.toString());
        if (window == null) {
            throw new NotFoundException("electionId", "no election with this id has a registration");
        }
        return window.carryOver();
    }

    private int batchSize() {
        return Math.max(1, batch);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
