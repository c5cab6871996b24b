package org.openprimary.registration.control;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openprimary.registration.entity.HelpCode;
import org.openprimary.registration.entity.Registrant;

/**
 * New help codes that no registration holds yet. The database's unique constraint still has the
 * last word: a registration whose code another one took in the same instant is refused, to be sent
 * again ({@link Registrations#isHelpCodeClash}).
 */
@Stateless
public class HelpCodes {

    static final int TRIES = 10;

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    public HelpCode fresh() {
        for (int i = 0; i < TRIES; i++) {
            HelpCode code = HelpCode.random();
            if (em.createNamedQuery(Registrant.COUNT_HELP_CODE, Long.class).setParameter("code", code.value())
                    .getSingleResult() == 0) {
                return code;
            }
        }
        throw new IllegalStateException(TRIES + " random help codes in a row were taken: the random source is broken");
    }
}
