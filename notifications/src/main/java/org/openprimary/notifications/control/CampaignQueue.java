package org.openprimary.notifications.control;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openprimary.notifications.entity.Campaign;

/**
 * A campaign's messages in the outbox, by set rather than one by one, so that queuing hundreds of
 * thousands of recipients takes seconds: a batch is one {@code INSERT ... SELECT} from a JSON
 * document; adding a recipient twice queues nothing (the idempotency key is the campaign and the
 * address); an address that unsubscribed is recorded as SKIPPED, never queued, when the template is
 * not essential. Runs in the caller's transaction.
 */
@Stateless
public class CampaignQueue {

    /** Most recipients per batch: a batch is one statement and one transaction of the caller's. */
    public static final int MAX_BATCH = 10_000;

    @PersistenceContext(unitName = "notifications")
    EntityManager em;

    /**
     * Queues a batch: {@code recipientsJson} is an array of
     * {@code {"recipient": "...", "language": "fr|en", "parameters": {...}, "withdrawKey": "..."}} with
     * normalized addresses (the key may be absent).
     *
     * @return how many new messages the batch added (skipped ones included)
     */
    public int add(Campaign campaign, String recipientsJson, boolean optional, Instant now) {
        return em.createNativeQuery(insert(optional))
                .setParameter(1, campaign.channel())
                .setParameter(2, campaign.template())
                .setParameter(3, campaign.id().toString())
                .setParameter(4, Timestamp.from(now))
                .setParameter(5, campaign.sending() ? Timestamp.from(now) : null)
                .setParameter(6, recipientsJson)
                .executeUpdate();
    }

    /**
     * The batch insert ({@code ?1} channel, {@code ?2} template, {@code ?3} campaign id, {@code ?4}
     * now, {@code ?5} when due or null while held, {@code ?6} the recipients' JSON).
     */
    static String insert(boolean optional) {
        String unsubscribed = optional
                ? "EXISTS (SELECT 1 FROM notifications.subscription s WHERE s.channel = ?1 AND s.address = r.recipient"
                        + " AND s.unsubscribed_at IS NOT NULL)"
                : "FALSE";
        return "INSERT INTO notifications.outbox (message_id, channel, recipient, template, locale,"
                + " parameters, idempotency_key, status, priority, attempts, created_at, next_attempt_at,"
                + " campaign_id, last_error, withdraw_key)"
                + " SELECT gen_random_uuid()::text, ?1, r.recipient, ?2, r.language,"
                + "   COALESCE(r.parameters, '{}'::jsonb)::text, 'campaign:' || ?3 || ':' || r.recipient,"
                + "   CASE WHEN u.skip THEN 'SKIPPED' ELSE 'PENDING' END, 1, 0, CAST(?4 AS timestamptz),"
                + "   CASE WHEN u.skip THEN NULL ELSE CAST(?5 AS timestamptz) END, ?3,"
                + "   CASE WHEN u.skip THEN 'unsubscribed' END, r.\"withdrawKey\""
                + " FROM jsonb_to_recordset(CAST(?6 AS jsonb)) AS r(recipient text, language text, parameters jsonb, \"withdrawKey\" text)"
                + " CROSS JOIN LATERAL (SELECT " + unsubscribed + " AS skip) u"
                + " ON CONFLICT (idempotency_key) DO NOTHING";
    }

    /** Makes the campaign's waiting messages due now (started or resumed). */
    public int release(Campaign campaign, Instant now) {
        return em.createNativeQuery("UPDATE notifications.outbox SET next_attempt_at = ?1"
                        + " WHERE campaign_id = ?2 AND status = 'PENDING' AND next_attempt_at IS NULL")
                .setParameter(1, Timestamp.from(now)).setParameter(2, campaign.id().toString()).executeUpdate();
    }

    /** Holds the campaign's waiting messages (paused): the dispatcher no longer sees them. */
    public int hold(Campaign campaign) {
        return em.createNativeQuery("UPDATE notifications.outbox SET next_attempt_at = NULL"
                        + " WHERE campaign_id = ?1 AND status = 'PENDING'")
                .setParameter(1, campaign.id().toString()).executeUpdate();
    }

    /** Drops the campaign's messages not yet sent (cancelled). */
    public int cancel(Campaign campaign) {
        return em.createNativeQuery("UPDATE notifications.outbox SET status = 'CANCELLED', next_attempt_at = NULL"
                        + " WHERE campaign_id = ?1 AND status = 'PENDING'")
                .setParameter(1, campaign.id().toString()).executeUpdate();
    }

    /**
     * Withdraws the campaign messages not yet sent that carry this key, whatever their campaign;
     * returns how many. Cheap when there are none (a partial index holds only pending keyed rows).
     */
    public int withdraw(String key) {
        return em.createNativeQuery("UPDATE notifications.outbox SET status = 'WITHDRAWN', next_attempt_at = NULL"
                        + " WHERE withdraw_key = ?1 AND status = 'PENDING'")
                .setParameter(1, key).executeUpdate();
    }

    /**
     * The campaign's messages counted by where they stand: the outbox statuses, and
     * {@code DELIVERED} / {@code UNDELIVERED} (undelivered or failed) for sent ones the provider
     * reported on (see {@link DeliveryReports}).
     */
    @SuppressWarnings("unchecked")
    public Map<String, Long> counts(Campaign campaign) {
        return counts((List<Object[]>) em.createNativeQuery(COUNTS).setParameter(1, campaign.id().toString())
                .getResultList());
    }

    /** A campaign's messages ({@code ?1} its id) by status and reported delivery. */
    static final String COUNTS = "SELECT status, delivery, count(*) FROM notifications.outbox"
            + " WHERE campaign_id = ?1 GROUP BY status, delivery";

    /** The rows of {@link #COUNTS} as counts by status, {@code DELIVERED} and {@code UNDELIVERED}. */
    static Map<String, Long> counts(List<Object[]> rows) {
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row : rows) {
            long n = ((Number) row[2]).longValue();
            counts.merge((String) row[0], n, Long::sum);
            // Only final reports count: a message Twilio still calls queued or sent is neither.
            if ("delivered".equals(row[1])) {
                counts.merge("DELIVERED", n, Long::sum);
            } else if ("undelivered".equals(row[1]) || "failed".equals(row[1])) {
                counts.merge("UNDELIVERED", n, Long::sum);
            }
        }
        return counts;
    }
}
