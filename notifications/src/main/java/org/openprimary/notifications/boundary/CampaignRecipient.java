package org.openprimary.notifications.boundary;

import java.util.Map;

/**
 * One recipient of a campaign: an E.164 number or an email address (as the campaign's channel
 * needs), their language ({@code fr} or {@code en}) and their own parameters (a personal link),
 * which complete or override the campaign's. A {@code withdrawKey} (at most 100 characters, may be
 * null) lets the owner withdraw the message before it goes ({@link NotificationService#withdraw}):
 * a reminder to vote carries the voter's box id and is withdrawn when they vote.
 */
public record CampaignRecipient(String recipient, String language, Map<String, String> parameters,
        String withdrawKey) {

    public CampaignRecipient {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public CampaignRecipient(String recipient, String language, Map<String, String> parameters) {
        this(recipient, language, parameters, null);
    }
}
