package org.openprimary.voting.control;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openprimary.notifications.boundary.CampaignRecipient;
import org.openprimary.notifications.boundary.NotificationService;

/**
 * The steps of queuing an organizer's campaign, each in a transaction of its own, so that a campaign
 * to a national roll is queued page by page in the background while voters vote: one instance
 * claims it (a lease on the row), starts the notifications' campaign (so each page's messages are
 * due as it commits: the first messages go while the rest are queued), hands its audience over a
 * page at a time (each page renews the lease, and stops if the campaign was cancelled meanwhile),
 * then marks it queued. A page handed twice adds nothing, so a campaign whose instance died
 * midway is taken up again, once its lease ran out, and only what is missing is added.
 */
@Stateless
public class CampaignPages {

    /** How long a claim holds without a page: far longer than a page takes, even paced. */
    public static final Duration LEASE = Duration.ofSeconds(60);

    /** A campaign one instance now queues: for whom, on which channel, sent by whom. */
    public record Claim(String campaignId, String electionId, String audience, String channel, String actor) {
    }

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @EJB
    NotificationService notifications;

    /**
     * Takes a campaign to queue: one sent now (QUEUING) whose lease is free or ran out, or a
     * scheduled one that is due. Several instances may try at once; one gets it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Claim> claim(String campaignId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("UPDATE voting.election_campaign SET state = 'QUEUING',"
                        + " lease_until = ?3, queued_by = COALESCE(queued_by, 'schedule')"
                        + " WHERE campaign_id = ?1 AND ((state = 'QUEUING' AND (lease_until IS NULL OR lease_until < ?2))"
                        + " OR (state = 'SCHEDULED' AND send_at <= ?2))"
                        + " RETURNING campaign_id, election_id, audience, channel, queued_by")
                .setParameter(1, campaignId).setParameter(2, utc(now)).setParameter(3, utc(now.plus(LEASE)))
                .getResultList();
        return rows.stream().findFirst().map(r -> new Claim((String) r[0], (String) r[1], (String) r[2],
                (String) r[3], (String) r[4]));
    }

    /**
     * Starts the campaign if it is still a draft, and commits that before any page is added. A
     * campaign an earlier, interrupted send started (or that an organizer paused since) is left as it is.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void start(UUID campaign) {
        if (notifications.campaign(campaign).status().equals("DRAFT")) {
            notifications.startCampaign(campaign);
        }
    }

    /**
     * Adds one page, if the campaign is still being queued (not cancelled meanwhile), and renews the
     * lease; the row's lock orders this page with an organizer's cancel.
     *
     * @return the recipients added, or -1 when the campaign is no longer being queued
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int add(UUID campaign, List<CampaignRecipient> page, Instant now) {
        int held = em.createNativeQuery("UPDATE voting.election_campaign SET lease_until = ?2"
                        + " WHERE campaign_id = ?1 AND state = 'QUEUING'")
                .setParameter(1, campaign.toString()).setParameter(2, utc(now.plus(LEASE))).executeUpdate();
        if (held == 0) {
            return -1;
        }
        return notifications.addRecipients(campaign, page);
    }

    /** The whole audience is in the outbox: the campaign is queued. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean finish(String campaignId, long recipients, Instant now) {
        return em.createNativeQuery("UPDATE voting.election_campaign SET state = 'QUEUED', recipients = ?2,"
                        + " queued_at = ?3, lease_until = NULL WHERE campaign_id = ?1 AND state = 'QUEUING'")
                .setParameter(1, campaignId).setParameter(2, recipients).setParameter(3, utc(now))
                .executeUpdate() == 1;
    }

    /**
     * The audience could not be queued whole for a reason a retry would meet again: the campaign is
     * a draft again, saying why; what was queued goes, and sending it again adds only the rest.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void stop(String campaignId, String why) {
        em.createNativeQuery("UPDATE voting.election_campaign SET state = 'DRAFT', send_at = NULL, queued_by = NULL,"
                        + " lease_until = NULL, note = ?2 WHERE campaign_id = ?1 AND state = 'QUEUING'")
                .setParameter(1, campaignId).setParameter(2, clip(why)).executeUpdate();
    }

    /** A campaign whose audience can no longer be reached (a reminder after the close) never goes. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void cancelUnsent(String campaignId, String why) {
        int cancelled = em.createNativeQuery("UPDATE voting.election_campaign SET state = 'CANCELLED',"
                        + " lease_until = NULL, note = ?2 WHERE campaign_id = ?1 AND state = 'QUEUING'")
                .setParameter(1, campaignId).setParameter(2, clip(why)).executeUpdate();
        if (cancelled == 1 && !notifications.campaign(UUID.fromString(campaignId)).status().equals("CANCELLED")) {
            notifications.cancelCampaign(UUID.fromString(campaignId));
        }
    }

    /** Campaigns to queue now: scheduled ones that are due, and sent ones nobody holds. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> due(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("SELECT campaign_id FROM voting.election_campaign"
                        + " WHERE (state = 'SCHEDULED' AND send_at <= ?1)"
                        + " OR (state = 'QUEUING' AND (lease_until IS NULL OR lease_until < ?1)) ORDER BY send_at")
                .setParameter(1, utc(now)).getResultList();
        return ids.stream().map(String::valueOf).toList();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String clip(String note) {
        return note.length() <= 300 ? note : note.substring(0, 299) + "…";
    }
}
