package org.openprimary.voting.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.UUID;
import org.openprimary.notifications.boundary.NotificationService;

/**
 * For the container test only: starts a campaign paused and sends it, in one transaction, so that
 * its pages are queued held and no dispatcher round can take its messages before the test has
 * staged what happens to them.
 */
@Stateless
public class CampaignProbe {

    @EJB
    ElectionCampaigns campaigns;

    @EJB
    NotificationService notifications;

    public ElectionCampaignView sendPaused(String election, String campaign) {
        notifications.startCampaign(UUID.fromString(campaign));
        notifications.pauseCampaign(UUID.fromString(campaign));
        return campaigns.send(election, campaign, null, "test");
    }
}
