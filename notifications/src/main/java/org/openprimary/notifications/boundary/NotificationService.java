package org.openprimary.notifications.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.Map;
import org.openprimary.notifications.control.Channels;

/**
 * The notifications module's facade. It knows recipients and messages, never registrants or
 * ballots.
 */
@Stateless
public class NotificationService {

    @EJB
    Channels channels;

    /** Which provider carries each channel, e.g. {@code {sms=console, email=console}}. */
    public Map<String, String> providers() {
        return Map.of("sms", channels.sms(), "email", channels.email());
    }
}
