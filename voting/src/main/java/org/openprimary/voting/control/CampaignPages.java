package org.openprimary.voting.control;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import java.util.UUID;
import org.openprimary.notifications.boundary.CampaignRecipient;
import org.openprimary.notifications.boundary.NotificationService;

/**
 * One page of a campaign's recipients handed to the notifications module in a transaction of its
 * own, so that an organizer's campaign to a national roll is queued by several pages at once. The
 * campaign is started first, in a transaction of its own, so that each page's messages are due as
 * it commits (no second pass over hundreds of thousands of rows to release them, and the first
 * messages go while the rest are queued); a page handed twice adds nothing.
 */
@Stateless
public class CampaignPages {

    @EJB
    NotificationService notifications;

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

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int add(UUID campaign, List<CampaignRecipient> page) {
        return notifications.addRecipients(campaign, page);
    }
}
