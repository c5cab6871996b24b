package org.openprimary.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.control.RetentionPeriod;
import org.openprimary.registration.control.RetentionPurge;
import org.openprimary.registration.control.RollLedger;
import org.openprimary.registration.entity.LedgerEntry;
import org.openprimary.registration.entity.RegistrationWindow;

/**
 * Personal-data retention (docs/retention.md): registrants' data are kept until the retention
 * deadline, {@code openprimary.registration.retention} (default {@code P2Y}, the usual appeal period)
 * after the election's result is published, then purged by a scheduled job
 * ({@link org.openprimary.registration.control.RetentionTimer}), leaving only the roll's ledger.
 */
@Stateless
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class.getName());

    /** Registrations erased per transaction: a national roll is purged in short steps. */
    static final int BATCH = 5_000;

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    @EJB
    RetentionPurge purge;

    @EJB
    RollLedger ledger;

    @Inject
    @ConfigProperty(name = "openprimary.registration.retention", defaultValue = RetentionPeriod.DEFAULT)
    String retention;

    /** The configured retention period. */
    public String retention() {
        return period().toString();
    }

    /**
     * Erases the personal data of every election whose retention deadline has passed at {@code now},
     * each in batches of its own transactions. Safe to run on several instances at once and to run
     * again: an election is purged by one of them, once.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public PurgeReport purgeDue(Instant now) {
        Instant publishedBy = period().publishedBy(now);
        List<String> finished = new ArrayList<>();
        long erased = 0;
        for (Optional<RetentionPurge.Batch> batch = purge.purgeNext(publishedBy, now, BATCH); batch.isPresent();
                batch = purge.purgeNext(publishedBy, now, BATCH)) {
            erased += batch.get().erased();
            if (batch.get().finished()) {
                finished.add(batch.get().electionId().toString());
                String election = batch.get().electionId().toString();
                LOG.info(() -> "Retention deadline passed for election " + election + ": personal data purged");
            }
        }
        return new PurgeReport(finished, erased);
    }

    /**
     * When the personal data of the election's registrants are (or were) purged: empty until its
     * result is published.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Instant> deadline(UUID electionId) {
        return window(electionId).resultAt().map(period()::deadline);
    }

    /** When the election's personal data were purged, if they were. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Instant> purgedAt(UUID electionId) {
        return window(electionId).purgedAt();
    }

    /**
     * Whether the election's roll ledger is intact: every entry's hash recomputes from its content,
     * links to the previous entry's hash, and its roll size is the previous one moved as its kind says.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean ledgerVerifies(UUID electionId) {
        window(electionId);
        String previous = LedgerEntry.GENESIS;
        long seq = 0;
        long roll = 0;
        for (LedgerEntry entry : ledger.entries(electionId)) {
            roll += entry.kind().rollDelta();
            if (entry.seq() != ++seq || !entry.prevHash().equals(previous) || !entry.hash().equals(entry.computeHash())
                    || entry.rollSize() != roll) {
                return false;
            }
            previous = entry.hash();
        }
        return true;
    }

    private RetentionPeriod period() {
        return RetentionPeriod.parse(retention);
    }

    private RegistrationWindow window(UUID electionId) {
        RegistrationWindow window = electionId == null ? null : em.find(RegistrationWindow.class, electionId.toString());
        if (window == null) {
            throw new NotFoundException("electionId", "no election with this id has a registration");
        }
        return window;
    }
}
