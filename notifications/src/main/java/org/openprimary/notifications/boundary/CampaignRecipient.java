package org.openprimary.notifications.boundary;

import java.util.Map;

/**
 * One recipient of a campaign: an E.164 number or an email address (as the campaign's channel
 * needs), their language ({@code fr} or {@code en}) and their own parameters (a personal link),
 * which complete or override the campaign's.
 */
public record CampaignRecipient(String recipient, String language, Map<String, String> parameters) {

    public CampaignRecipient {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
