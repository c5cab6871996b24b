package org.openprimary.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.openprimary.common.ConflictException;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.control.RollLedger;
import org.openprimary.registration.entity.LedgerEntry;

/**
 * Takes a registrant off an election's roll: their status and the ledger entry that explains the
 * smaller roll change together, in the caller's transaction. Who may ask it, and when two people
 * must, is decided by the caller (voting's StrikeOffService); this only refuses a registrant who is
 * not on this roll.
 */
@Stateless
public class RollStrikeOffs {

    private static final Logger LOG = Logger.getLogger(RollStrikeOffs.class.getName());

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    RollLedger ledger;

    /** Fails with 404 or 409 unless the registrant is on this election's roll now. */
    public void requireOnRoll(UUID electionId, UUID registrantId) {
        List<?> status = em.createNativeQuery("SELECT status FROM registration.registrant WHERE id = ? AND election_id = ?")
                .setParameter(1, registrantId.toString()).setParameter(2, electionId.toString()).getResultList();
        if (status.isEmpty()) {
            throw new NotFoundException("registrant", "no registrant of this election has this id");
        }
        if (!"ON_ROLL".equals(status.get(0))) {
            throw new ConflictException("registrant", "this registrant is not on the roll (" + status.get(0) + ")");
        }
    }

    /** Strikes the registrant off: status {@code STRUCK_OFF} with the reason, and the ledger's {@code STRUCK_OFF} entry. */
    public void strikeOff(UUID electionId, UUID registrantId, StrikeOffReason reason) {
        requireOnRoll(electionId, registrantId);
        int changed = em.createNativeQuery("UPDATE registration.registrant SET status = 'STRUCK_OFF', struck_off_at = ?,"
                        + " struck_off_reason = ? WHERE id = ? AND election_id = ? AND status = 'ON_ROLL'")
                .setParameter(1, java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)).setParameter(2, reason.name())
                .setParameter(3, registrantId.toString()).setParameter(4, electionId.toString()).executeUpdate();
        if (changed != 1) {
            throw new ConflictException("registrant", "this registrant left the roll meanwhile");
        }
        ledger.append(electionId, LedgerEntry.Kind.STRUCK_OFF, "struck off: " + reason.name());
        LOG.info(() -> "Registrant " + registrantId + " struck off the roll of " + electionId + ": " + reason);
    }

    /** An appeal succeeded: the registrant struck off is on the roll again, with the ledger's {@code REINSTATED} entry. */
    public void reinstate(UUID electionId, UUID registrantId) {
        int changed = em.createNativeQuery("UPDATE registration.registrant SET status = 'ON_ROLL', struck_off_at = NULL,"
                        + " struck_off_reason = NULL WHERE id = ? AND election_id = ? AND status = 'STRUCK_OFF'")
                .setParameter(1, registrantId.toString()).setParameter(2, electionId.toString()).executeUpdate();
        if (changed != 1) {
            throw new ConflictException("registrant", "this registrant is not struck off this roll");
        }
        ledger.append(electionId, LedgerEntry.Kind.REINSTATED, "reinstated on appeal");
        LOG.info(() -> "Registrant " + registrantId + " reinstated on the roll of " + electionId);
    }
}
