package org.openprimary.notifications.boundary;

import java.time.Instant;
import java.util.UUID;
import org.openprimary.notifications.entity.OutboxMessage;

/**
 * A message as the console shows it. The text is kept only for messages the console stand-in
 * "delivered" (a demo); real messages keep no body.
 */
public record OutboxView(UUID id, String channel, String recipient, String template, String language, String status,
        int attempts, Instant createdAt, Instant sentAt, String provider, String lastError, String delivery,
        String subject, String text) {

    static OutboxView of(OutboxMessage m) {
        return new OutboxView(m.messageId(), m.channel(), m.recipient(), m.template(), m.language(), m.status().name(),
                m.attempts(), m.createdAt(), m.sentAt().orElse(null), m.provider().orElse(null),
                m.lastError().orElse(null), m.delivery().orElse(null), m.renderedSubject().orElse(null),
                m.renderedText().orElse(null));
    }
}
