package org.openprimary.registration.control;

import jakarta.ejb.ApplicationException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.UUID;
import org.openprimary.notifications.boundary.Channel;
import org.openprimary.notifications.boundary.NotificationService;
import org.openprimary.notifications.boundary.OutgoingMessage;
import org.openprimary.registration.boundary.Factor;
import org.openprimary.registration.entity.FeePayment;
import org.openprimary.registration.entity.LedgerEntry;
import org.openprimary.registration.entity.Registrant;
import org.openprimary.registration.entity.RegistrationWindow;

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

    @EJB
    NotificationService notifications;

    @Inject
    Clock clock;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void insert(Registrant registrant, java.util.Optional<OutgoingMessage> message) {
        try {
            em.persist(registrant);
            em.flush(); // a unique constraint refuses a duplicate here, inside this transaction
        } catch (PersistenceException e) {
            throw refusal(e);
        }
        ledger.record(registrant.electionId(), LedgerEntry.Kind.REGISTERED, "registered");
        message.ifPresent(notifications::send); // queued with the registration, or not at all
    }

    /**
     * Keeps a registrant's card hash and marks the card verified (and the registrant on the roll
     * when it was the last factor), in a transaction of its own: a card already on the roll is
     * refused by the database and rolls back alone.
     *
     * @return whether the registrant is now on the roll
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Registrant recordCard(UUID registrantId, String cardHash, java.util.Set<Factor> required) {
        Registrant registrant = em.find(Registrant.class, registrantId.toString(), LockModeType.PESSIMISTIC_WRITE);
        registrant.cardImprinted(cardHash);
        try {
            em.flush(); // the unique constraint on (election, card_hash) speaks here
        } catch (PersistenceException e) {
            throw refusal(e);
        }
        factorVerified(registrant, Factor.CARD, required);
        return registrant;
    }

    /**
     * Marks a factor verified within the caller's transaction, with its ledger entries: the factor,
     * and the roll when it was the last one required (and the election's fee, if any, is paid).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void factorVerified(Registrant registrant, Factor factor, java.util.Set<Factor> required) {
        RegistrationWindow window = em.find(RegistrationWindow.class, registrant.electionId().toString());
        boolean onRoll = registrant.verified(factor, required, window.feeCharged(), clock.instant());
        ledger.record(registrant.electionId(), LedgerEntry.Kind.FACTOR_VERIFIED, factor.name());
        if (onRoll) {
            addedToRoll(registrant, window);
        }
    }

    /**
     * Records a participation fee paid, in a transaction of its own: the accounting record (the
     * database refuses a payment that already paid for another registration), the {@code FEE_PAID}
     * ledger entry, and the roll when every required factor was verified already.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Registrant recordFee(UUID registrantId, FeeCollector.Paid paid, java.util.Set<Factor> required) {
        Registrant registrant = em.find(Registrant.class, registrantId.toString(), LockModeType.PESSIMISTIC_WRITE);
        RegistrationWindow window = em.find(RegistrationWindow.class, registrant.electionId().toString());
        boolean onRoll = registrant.feePaid(paid.paymentId(), required, clock.instant());
        try {
            em.persist(new FeePayment(paid.paymentId(), registrant.electionId(), registrant.id(), paid.amountCents(),
                    paid.currency(), clock.instant()));
            em.flush(); // the payment's primary key speaks here
        } catch (PersistenceException e) {
            throw refusal(e);
        }
        ledger.record(registrant.electionId(), LedgerEntry.Kind.FEE_PAID,
                "fee paid: " + paid.amountCents() + " " + paid.currency());
        if (onRoll) {
            addedToRoll(registrant, window);
        }
        return registrant;
    }

    private void addedToRoll(Registrant registrant, RegistrationWindow window) {
        ledger.record(registrant.electionId(), LedgerEntry.Kind.ADDED_TO_ROLL, "on the roll");
        registrant.email().ifPresent(address -> notifications.send(new OutgoingMessage(Channel.EMAIL, address,
                "registration.on-roll", registrant.language(),
                java.util.Map.of("firstName", registrant.firstName(), "election", window.electionTitle()),
                "registration:on-roll:" + registrant.id())));
    }

    /**
     * A duplicate key refused by the database, as the application exception {@link DuplicateKey}:
     * the transaction still rolls back, but the container does not log it as a system failure with
     * its whole stack (issue 5's races drill: ten registrations racing with one phone wrote some
     * 40 KB of stack traces for each refused one, a way to fill the server's disk). Anything else is
     * left as it was.
     */
    private static RuntimeException refusal(PersistenceException e) {
        return isDuplicate(e) ? new DuplicateKey(e) : e;
    }

    /** The database refused a registration's identifier (phone, mailbox, card, help code) as taken. */
    @ApplicationException(rollback = true)
    public static final class DuplicateKey extends RuntimeException {

        private static final long serialVersionUID = 1L;

        DuplicateKey(PersistenceException cause) {
            super("duplicate key", cause, false, false);
        }
    }

    /** Whether the failure is the database refusing a help code another registration took meanwhile. */
    public static boolean isHelpCodeClash(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("registrant_help_code_once")) {
                return true;
            }
        }
        return false;
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
