package org.openprimary.notifications.boundary;

import java.util.Map;

/**
 * A campaign to create: its name (for the console), the channel, the template and the parameters
 * every recipient shares (each recipient may add their own), and who asked for it.
 */
public record CampaignDraft(String name, Channel channel, String template, Map<String, String> parameters,
        String createdBy) {

    public CampaignDraft {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
