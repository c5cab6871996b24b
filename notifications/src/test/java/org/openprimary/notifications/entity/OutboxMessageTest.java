package org.openprimary.notifications.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A message's states: only the transitions the dispatcher makes are allowed. */
class OutboxMessageTest {

    private static final Instant T = Instant.parse("2026-11-24T12:00:00Z");

    private static OutboxMessage queued() {
        return new OutboxMessage("EMAIL", "elise@example.org", "registration.on-roll", "fr", "{}", "k", T);
    }

    @Test
    void aClaimedMessageIsSentOnce() {
        OutboxMessage message = queued();
        assertEquals(OutboxMessage.Status.PENDING, message.status());
        message.claim(T.plusSeconds(120));
        assertEquals(1, message.attempts());
        message.sent("smtp", "<id@x>", "s", null, T.plusSeconds(1));
        assertEquals(OutboxMessage.Status.SENT, message.status());
        assertThrows(IllegalStateException.class, () -> message.sent("smtp", "<id@x>", "s", null, T));
        assertThrows(IllegalStateException.class, () -> message.claim(T));
        assertThrows(IllegalStateException.class, () -> message.skipped("unsubscribed"));
    }

    @Test
    void aFailureIsRetriedAfterItsBackoffThenTheMessageIsDead() {
        OutboxMessage message = queued();
        message.claim(T);
        message.failed("timeout", Duration.ofSeconds(5), 2, T);
        assertEquals(OutboxMessage.Status.PENDING, message.status());
        message.claim(T);
        message.failed("timeout", Duration.ofSeconds(10), 2, T);
        assertEquals(OutboxMessage.Status.DEAD, message.status());
        assertEquals("timeout", message.lastError().orElseThrow());
        assertTrue(message.status().isFinal());
    }

    @Test
    void aPermanentFailureKillsAtOnceAndOnlyASentMessageGetsADeliveryReport() {
        OutboxMessage message = queued();
        assertThrows(IllegalStateException.class, () -> message.failed("x", Duration.ZERO, 0, T), "not claimed");
        message.claim(T);
        message.failed("refused", Duration.ZERO, 0, T);
        assertEquals(OutboxMessage.Status.DEAD, message.status());
        assertThrows(IllegalStateException.class, () -> message.reported("delivered", T));
    }

    @Test
    void anUnsubscribedRecipientsMessageIsSkippedAndEveryMessageHasItsOwnId() {
        OutboxMessage message = queued();
        message.skipped("unsubscribed");
        assertEquals(OutboxMessage.Status.SKIPPED, message.status());
        assertNotEquals(queued().messageId(), queued().messageId());
    }

    @Test
    void aMessageForgetsItsParametersOnceItCameToAnEndAndKeepsThemWhileItMayStillGo() {
        String secret = "{\"link\":\"https://vote.example/v#credential-of-elise\"}";
        OutboxMessage sent = new OutboxMessage("EMAIL", "elise@example.org", "voting.opened", "fr", secret, "a", T);
        sent.claim(T);
        sent.failed("timeout", Duration.ofSeconds(5), 8, T);
        assertEquals(secret, sent.parameters(), "a retry needs them");
        sent.claim(T);
        sent.sent("smtp", "<id@x>", "s", null, T);
        assertEquals("{}", sent.parameters());

        OutboxMessage dead = new OutboxMessage("EMAIL", "elise@example.org", "voting.receipt", "fr", secret, "b", T);
        dead.claim(T);
        dead.failed("refused", Duration.ZERO, 0, T);
        assertEquals("{}", dead.parameters());

        OutboxMessage skipped = new OutboxMessage("EMAIL", "elise@example.org", "voting.opened", "fr", secret, "c", T);
        skipped.skipped("unsubscribed");
        assertEquals("{}", skipped.parameters());

        OutboxMessage cancelled = new OutboxMessage("EMAIL", "elise@example.org", "voting.opened", "fr", secret, "d", T);
        cancelled.claim(T);
        cancelled.held();
        assertEquals(secret, cancelled.parameters(), "a held message goes later");
        cancelled.cancelled();
        assertEquals("{}", cancelled.parameters());
    }
}
