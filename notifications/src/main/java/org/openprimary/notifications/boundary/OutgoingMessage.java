package org.openprimary.notifications.boundary;

import java.util.Map;

/**
 * A message to send: the channel, the recipient (an E.164 phone number or an email address), the
 * template and the language ({@code fr} or {@code en}) it is written in, the template's parameters,
 * and a key that makes sending it twice impossible.
 */
public record OutgoingMessage(Channel channel, String recipient, String template, String language,
        Map<String, String> parameters, String idempotencyKey) {

    public OutgoingMessage {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
