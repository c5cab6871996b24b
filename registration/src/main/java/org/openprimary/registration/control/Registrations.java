package org.openprimary.registration.control;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openprimary.registration.entity.LedgerEntry;
import org.openprimary.registration.entity.Registrant;

/**
 * Writes a new registrant and its ledger entry in a transaction of their own, so that a duplicate
 * refused by the database's unique constraints rolls back cleanly and can be recorded apart.
 */
@Stateless
public class Registrations {

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    @EJB
    RollLedger ledger;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void insert(Registrant registrant) {
        em.persist(registrant);
        em.flush(); // a unique constraint refuses a duplicate here, inside this transaction
        ledger.append(registrant.electionId(), LedgerEntry.Kind.REGISTERED, "registered");
    }

    /** Whether {@code failure} is PostgreSQL refusing a duplicate key (SQLSTATE 23505). */
    public static boolean isDuplicate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

}
