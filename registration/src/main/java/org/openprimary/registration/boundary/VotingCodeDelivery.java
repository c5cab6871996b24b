package org.openprimary.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;
import org.openprimary.notifications.boundary.DeliveryService;
import org.openprimary.registration.entity.Registrant;

/**
 * How the voter's last voting code went, for the voting page's "not received?" (issue 10): by
 * email, where the outbox stands ({@code waiting}, {@code sent}, {@code delivered}, {@code failed});
 * by SMS or call, {@code sent} only, as on the registration page: the phone's codes go through
 * Twilio Verify, which reports no delivery. Nothing that identifies the voter is said.
 */
@Stateless
public class VotingCodeDelivery {

    static final String TEMPLATE = "voting.code";

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    @EJB
    DeliveryService delivery;

    /**
     * {@code {by, state}}: by {@code email} (the outbox's state), {@code phone} ({@code sent}), or
     * {@code none} with state {@code none} when neither can have carried a code.
     */
    public record State(String by, String state) {
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public State of(UUID registrantId) {
        Registrant registrant = em.find(Registrant.class, registrantId.toString());
        if (registrant == null) {
            return new State("none", "none");
        }
        if (registrant.hasEmailedVotingCode() && registrant.email().isPresent()) {
            return new State("email", delivery.lastState(TEMPLATE, registrant.email().get()).orElse("none"));
        }
        boolean phone = registrant.phone().isPresent() && registrant.isVerified(Factor.PHONE);
        return phone ? new State("phone", "sent") : new State("none", "none");
    }
}
