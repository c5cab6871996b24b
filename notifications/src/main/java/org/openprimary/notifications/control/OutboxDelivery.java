package org.openprimary.notifications.control;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.json.Jsonp;
import org.openprimary.notifications.entity.Campaign;
import org.openprimary.notifications.entity.OutboxMessage;

/** Claims due messages and delivers one, each step in a transaction of its own. */
@Stateless
public class OutboxDelivery {

    static final Duration LEASE = Duration.ofMinutes(2);
    static final int MAX_ATTEMPTS = 8;
    private static final Logger LOG = Logger.getLogger(OutboxDelivery.class.getName());

    @PersistenceContext(unitName = "notifications")
    EntityManager em;

    @Inject
    Clock clock;

    /** Where a citizen's unsubscribe link leads, under the public address (citizen-web's API). */
    public static final String UNSUBSCRIBE_PATH = "/api/unsubscribe/";

    /**
     * Claims due messages of one channel for this instance ({@code ?1} the lease's end, {@code ?2}
     * now, {@code ?3} how many, {@code ?4} the channel): transactional ones first, then campaigns';
     * rows another instance holds are skipped.
     */
    static final String CLAIM = "UPDATE notifications.outbox"
            + " SET status = 'SENDING', claimed_until = ?1, attempts = attempts + 1"
            + " WHERE id IN (SELECT id FROM notifications.outbox"
            + "   WHERE channel = ?4 AND ((status = 'PENDING' AND next_attempt_at <= ?2)"
            + "      OR (status = 'SENDING' AND claimed_until < ?2))"
            + "   ORDER BY priority, next_attempt_at, id LIMIT ?3 FOR UPDATE SKIP LOCKED)"
            + " RETURNING id";

    @EJB
    Channels channels;

    @EJB
    Subscriptions subscriptions;

    @Inject
    @ConfigProperty(name = "openprimary.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    /**
     * Claims up to {@code limit} due messages of the channel for this instance: pending ones whose time has come,
     * and ones whose claim lapsed (an instance died while sending). Rows another instance holds are
     * skipped, not waited for.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public List<Long> claim(String channel, int limit) {
        Instant now = clock.instant();
        List<Number> ids = em.createNativeQuery(CLAIM)
                .setParameter(1, Timestamp.from(now.plus(LEASE)))
                .setParameter(2, Timestamp.from(now))
                .setParameter(3, limit)
                .setParameter(4, channel)
                .getResultList();
        List<Long> claimed = ids.stream().map(Number::longValue).sorted().toList();
        return claimed;
    }

    /** Renders and sends one claimed message, then records what happened. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void deliver(long id) {
        OutboxMessage message = em.find(OutboxMessage.class, id);
        if (message == null || message.status() != OutboxMessage.Status.SENDING) {
            return;
        }
        Map<String, String> parameters = parameters(message.parameters());
        Optional<Campaign> campaign = message.campaignId().map(id1 -> em.find(Campaign.class, id1.toString()));
        if (campaign.isPresent()) {
            if (campaign.get().status() == Campaign.Status.CANCELLED) {
                message.cancelled();
                return;
            }
            if (!campaign.get().sending()) {
                message.held();
                return;
            }
            Map<String, String> merged = parameters(campaign.get().parameters());
            merged.putAll(parameters);
            parameters = merged;
        }
        if (Templates.optional(message.template())) {
            if (subscriptions.unsubscribed(message.channel(), message.recipient())) {
                message.skipped("unsubscribed");
                return;
            }
            if (message.channel().equals("EMAIL")) {
                parameters.put(Templates.UNSUBSCRIBE_LINK, publicUrl.replaceAll("/+$", "") + UNSUBSCRIBE_PATH
                        + subscriptions.token(message.channel(), message.recipient()));
            }
        }
        Sender sender = channels.sender(message.channel());
        Templates.Rendered rendered;
        try {
            rendered = message.channel().equals("EMAIL")
                    ? Templates.email(message.template(), message.language(), parameters)
                    : Templates.sms(message.template(), message.language(), parameters);
        } catch (IllegalArgumentException e) {
            message.failed("cannot render: " + e.getMessage(), Duration.ZERO, 0, clock.instant());
            return;
        }
        String masked = Masking.recipient(message.recipient());
        try {
            channels.pacer(message.channel()).pace();
            String providerId = sender.send(message.messageId(), message.recipient(), rendered);
            boolean console = sender.name().equals("console");
            message.sent(sender.name(), providerId, rendered.subject(), console ? rendered.text() : null, clock.instant());
            LOG.fine(() -> "Outbox message " + message.messageId() + " (" + message.template() + ") sent to " + masked
                    + " via " + sender.name());
        } catch (Sender.DeliveryException e) {
            // Twilio may have taken it after all (an answer lost on the way): its report, naming the
            // message, may have recorded it as sent meanwhile; then it stays sent.
            em.refresh(message, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (message.status() != OutboxMessage.Status.SENDING) {
                LOG.info(() -> "Outbox message " + message.messageId() + ": the provider reported it "
                        + message.status() + " while its hand-over failed here; left as it is");
                return;
            }
            String reason = Masking.text(e.getMessage(), message.recipient());
            if (e.optedOut()) {
                subscriptions.optedOut(message.channel(), message.recipient());
                message.skipped(reason);
                LOG.info(() -> "Outbox message " + message.messageId() + " not sent: " + masked + " opted out");
                return;
            }
            Duration backoff = backoff(message.attempts());
            message.failed(reason, backoff, e.permanent() ? 0 : MAX_ATTEMPTS, clock.instant());
            LOG.warning(() -> "Outbox message " + message.messageId() + " (" + message.channel() + ", "
                    + message.template() + ", to " + masked + ") not delivered, attempt " + message.attempts() + ": "
                    + reason);
        }
    }

    /** Exponential back-off with jitter: about 5 s, 10 s, 20 s ... capped at 30 minutes. */
    static Duration backoff(int attempts) {
        long base = Math.min(1800, 5L << Math.min(Math.max(attempts - 1, 0), 12));
        long jitter = ThreadLocalRandom.current().nextLong(0, Math.max(1, base / 2));
        return Duration.ofSeconds(base + jitter);
    }

    /** A message's or a campaign's parameters, from their JSON. */
    public static Map<String, String> parameters(String json) {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            Map<String, String> parameters = new HashMap<>();
            object.forEach((key, value) -> parameters.put(key, object.getString(key)));
            return parameters;
        }
    }
}
