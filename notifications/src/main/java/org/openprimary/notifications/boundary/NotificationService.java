package org.openprimary.notifications.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.notifications.control.Channels;
import org.openprimary.notifications.control.OutboxDispatcher;
import org.openprimary.notifications.control.Templates;
import org.openprimary.notifications.entity.OutboxMessage;

/**
 * The notifications module's facade. It knows recipients and messages, never registrants or
 * ballots: the modules that own them call {@link #send}.
 */
@Stateless
public class NotificationService {

    @PersistenceContext(unitName = "notifications")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    Channels channels;

    @EJB
    OutboxDispatcher dispatcher;

    /** Which provider carries each channel, e.g. {@code {sms=console, email=console}}. */
    public Map<String, String> providers() {
        return Map.of("sms", channels.sms(), "email", channels.email());
    }

    /**
     * Queues a message in the outbox within the caller's transaction, so it is sent only if the
     * caller's change commits. A second call with the same idempotency key queues nothing and
     * returns the first message's id.
     */
    public UUID send(OutgoingMessage message) {
        if (message == null || message.channel() == null) {
            throw new InvalidInputException("channel", "a message needs a channel");
        }
        if (message.recipient() == null || message.recipient().isBlank()) {
            throw new InvalidInputException("recipient", "a message needs a recipient");
        }
        String language = "en".equals(message.language()) ? "en" : "fr";
        if (!Templates.exists(message.template(), message.channel() == Channel.SMS ? "sms" : "email")) {
            throw new InvalidInputException("template", "no template '" + message.template() + "' for "
                    + message.channel());
        }
        if (message.idempotencyKey() != null) {
            List<OutboxMessage> existing = em.createNamedQuery(OutboxMessage.FIND_BY_KEY, OutboxMessage.class)
                    .setParameter("key", message.idempotencyKey()).getResultList();
            if (!existing.isEmpty()) {
                return existing.get(0).messageId();
            }
        }
        JsonObjectBuilder parameters = Json.createObjectBuilder();
        message.parameters().forEach(parameters::add);
        OutboxMessage queued = new OutboxMessage(message.channel().name(), message.recipient().strip(),
                message.template(), language, parameters.build().toString(), message.idempotencyKey(), clock.instant());
        em.persist(queued);
        em.flush();
        return queued.messageId();
    }

    /** One message and its delivery, by the id {@link #send} returned. */
    public OutboxView message(UUID messageId) {
        return em.createNamedQuery(OutboxMessage.FIND_BY_MESSAGE_ID, OutboxMessage.class)
                .setParameter("messageId", messageId.toString()).getResultStream().findFirst().map(OutboxView::of)
                .orElseThrow(() -> new NotFoundException("id", "no message " + messageId));
    }

    /** The messages sent to one phone number or email address, newest first: the operators' history. */
    public List<OutboxView> history(String recipient) {
        if (recipient == null || recipient.isBlank()) {
            throw new InvalidInputException("recipient", "say whose messages to show");
        }
        return em.createNamedQuery(OutboxMessage.FIND_BY_RECIPIENT, OutboxMessage.class)
                .setParameter("recipient", recipient.strip()).setMaxResults(200)
                .getResultList().stream().map(OutboxView::of).toList();
    }

    /** The newest messages, for the console. */
    public List<OutboxView> outbox(int limit) {
        return em.createNamedQuery(OutboxMessage.FIND_RECENT, OutboxMessage.class)
                .setMaxResults(Math.max(1, Math.min(limit, 500)))
                .getResultList().stream().map(OutboxView::of).toList();
    }

    /** Delivers what is due now instead of at the next tick (the console's "send now"). */
    public int dispatchNow() {
        return dispatcher.dispatch();
    }
}
