package org.openprimary.notifications.control;

import java.util.UUID;

/**
 * The demo's stand-in for SMS and email: nothing leaves the machine; the message stays in the
 * outbox, rendered, where an organizer reads it in the console.
 */
final class ConsoleSender implements Sender {

    @Override
    public String name() {
        return "console";
    }

    @Override
    public String send(UUID messageId, String recipient, Templates.Rendered message) {
        return "console-" + UUID.randomUUID();
    }
}
