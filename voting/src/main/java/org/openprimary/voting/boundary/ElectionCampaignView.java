package org.openprimary.voting.boundary;

import java.time.Instant;
import org.openprimary.notifications.boundary.CampaignView;

/**
 * An organizer's campaign to an election's registrants: whom it is for ({@code audience}), what
 * ({@code kind}; an announcement's {@code subject} (email) and {@code body} as written, null for a
 * reminder, whose text is the platform's), where it stands here ({@code state}: DRAFT, SCHEDULED, QUEUING while its audience is being queued, QUEUED, CANCELLED, with
 * {@code note} saying why one was cancelled by itself), how many recipients it was resolved into, and
 * its messages' progress as the notifications module reports it ({@code progress}: queued, sent,
 * delivered, withdrawn once the voter voted, and so on; its {@code status} says whether it is
 * sending or paused).
 */
public record ElectionCampaignView(String id, String election, String name, String kind, String audience,
        String subject, String body, String channel, String state, Instant sendAt, Long recipients, int testsSent, String note, String createdBy,
        Instant createdAt, String queuedBy, Instant queuedAt, CampaignView progress) {
}
