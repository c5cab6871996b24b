package org.openprimary.notifications.boundary;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.openprimary.notifications.entity.Campaign;

/**
 * A campaign and its progress: {@code queued} messages in all, {@code waiting} (not sent yet),
 * {@code sent} (accepted by the provider), {@code delivered} and {@code undelivered} (as the provider
 * reported later), {@code failed} (given up), {@code skipped} (the recipient unsubscribed),
 * {@code cancelled} (the campaign was cancelled first), {@code withdrawn} (no longer wanted before it
 * went: a reminder to someone who has voted since). Its {@code status} is the campaign's (DRAFT,
 * SENDING, PAUSED, CANCELLED), except that a started campaign with nothing left to send is
 * {@code FINISHED}: every message queued so far has gone, been given up or withdrawn.
 */
public record CampaignView(UUID id, String name, String channel, String template, String status, String createdBy,
        Instant createdAt, Instant startedAt, long queued, long waiting, long sent, long delivered, long undelivered,
        long failed, long skipped, long cancelled, long withdrawn) {

    /** The status of a campaign that was started and has nothing left to send. */
    public static final String FINISHED = "FINISHED";

    static CampaignView of(Campaign c, Map<String, Long> counts) {
        long waiting = counts.getOrDefault("PENDING", 0L) + counts.getOrDefault("SENDING", 0L);
        long sent = counts.getOrDefault("SENT", 0L);
        long failed = counts.getOrDefault("DEAD", 0L);
        long skipped = counts.getOrDefault("SKIPPED", 0L);
        long cancelled = counts.getOrDefault("CANCELLED", 0L);
        long withdrawn = counts.getOrDefault("WITHDRAWN", 0L);
        boolean finished = c.status() == Campaign.Status.SENDING && waiting == 0;
        return new CampaignView(c.id(), c.name(), c.channel(), c.template(),
                finished ? FINISHED : c.status().name(), c.createdBy(),
                c.createdAt(), c.startedAt().orElse(null), waiting + sent + failed + skipped + cancelled + withdrawn, waiting, sent,
                counts.getOrDefault("DELIVERED", 0L), counts.getOrDefault("UNDELIVERED", 0L), failed, skipped,
                cancelled, withdrawn);
    }
}
