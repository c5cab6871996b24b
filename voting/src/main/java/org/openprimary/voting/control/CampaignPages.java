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
 * messages wait (their campaign is not started yet); a page handed twice adds nothing.
 */
@Stateless
public class CampaignPages {

    @EJB
    NotificationService notifications;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int add(UUID campaign, List<CampaignRecipient> page) {
        return notifications.addRecipients(campaign, page);
    }
}
