package org.openprimary.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openprimary.common.ConflictException;
import org.openprimary.registration.control.CardProvider;
import org.openprimary.registration.entity.LedgerEntry;
import org.openprimary.registration.entity.RegistrationWindow;

/**
 * The registration module's facade. The voting module hands it each election's registration
 * window; registration never calls voting.
 */
@Stateless
public class RegistrationService {

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    @EJB
    CardProvider cardProvider;

    /** Who checks the card imprint: {@code stripe}, or the demo's {@code demo} stand-in. */
    public String cardProvider() {
        return cardProvider.provider();
    }

    /**
     * Opens an election's registration and starts its roll's ledger. Joins the caller's
     * transaction, so the election's state and the ledger change together or not at all.
     */
    public void openRegistration(UUID electionId, Instant openedAt) {
        if (em.find(RegistrationWindow.class, electionId.toString()) != null) {
            throw new ConflictException("id", "the registration of election " + electionId + " is already open");
        }
        em.persist(new RegistrationWindow(electionId, openedAt));
        em.flush();
        em.persist(LedgerEntry.first(electionId, LedgerEntry.Kind.REGISTRATION_OPENED,
                "registration opened", openedAt));
    }

    /** The roll's ledger of an election, oldest entry first. */
    public List<LedgerEntryView> ledger(UUID electionId) {
        return em.createNamedQuery(LedgerEntry.FIND_BY_ELECTION, LedgerEntry.class)
                .setParameter("election", electionId.toString())
                .getResultList().stream().map(LedgerEntryView::of).toList();
    }

    /** The number of voters on an election's roll, as its ledger last recorded it. */
    public long rollSize(UUID electionId) {
        return lastEntry(electionId).map(LedgerEntry::rollSize).orElse(0L);
    }

    public boolean isOpen(UUID electionId) {
        RegistrationWindow window = em.find(RegistrationWindow.class, electionId.toString());
        return window != null && window.isOpen();
    }

    private Optional<LedgerEntry> lastEntry(UUID electionId) {
        return em.createNamedQuery(LedgerEntry.FIND_LAST, LedgerEntry.class)
                .setParameter("election", electionId.toString())
                .setMaxResults(1)
                .getResultStream().findFirst();
    }
}
