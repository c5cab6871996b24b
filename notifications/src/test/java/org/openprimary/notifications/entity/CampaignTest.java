package org.openprimary.notifications.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.openprimary.common.ConflictException;

class CampaignTest {

    private static final Instant T = Instant.parse("2026-11-24T12:00:00Z");

    private static Campaign in(Campaign.Status status) {
        Campaign campaign = new Campaign("News", "EMAIL", "campaign.announcement", "{}", "organizer", T);
        switch (status) {
            case SENDING -> campaign.start(T);
            case PAUSED -> {
                campaign.start(T);
                campaign.pause(T);
            }
            case CANCELLED -> campaign.cancel(T);
            default -> {
            }
        }
        assertEquals(status, campaign.status());
        return campaign;
    }

    static Stream<Arguments> transitions() {
        Consumer<Campaign> start = c -> c.start(T);
        Consumer<Campaign> pause = c -> c.pause(T);
        Consumer<Campaign> resume = c -> c.resume(T);
        Consumer<Campaign> cancel = c -> c.cancel(T);
        Consumer<Campaign> revise = c -> c.revise("Corrected", "{\"body\":\"Corrected text\"}");
        return Stream.of(
                Arguments.of("DRAFT", "revise", revise, "DRAFT"),
                Arguments.of("SENDING", "revise", revise, null),
                Arguments.of("PAUSED", "revise", revise, null),
                Arguments.of("CANCELLED", "revise", revise, null),
                Arguments.of("DRAFT", "start", start, "SENDING"),
                Arguments.of("DRAFT", "pause", pause, null),
                Arguments.of("DRAFT", "resume", resume, null),
                Arguments.of("DRAFT", "cancel", cancel, "CANCELLED"),
                Arguments.of("SENDING", "start", start, null),
                Arguments.of("SENDING", "pause", pause, "PAUSED"),
                Arguments.of("SENDING", "resume", resume, null),
                Arguments.of("SENDING", "cancel", cancel, "CANCELLED"),
                Arguments.of("PAUSED", "start", start, null),
                Arguments.of("PAUSED", "pause", pause, null),
                Arguments.of("PAUSED", "resume", resume, "SENDING"),
                Arguments.of("PAUSED", "cancel", cancel, "CANCELLED"),
                Arguments.of("CANCELLED", "start", start, null),
                Arguments.of("CANCELLED", "resume", resume, null),
                Arguments.of("CANCELLED", "cancel", cancel, null));
    }

    @ParameterizedTest(name = "{0} --{1}--> {3}")
    @MethodSource("transitions")
    void onlyTheAllowedTransitionsHappen(String from, String action, Consumer<Campaign> transition, String to) {
        Campaign campaign = in(Campaign.Status.valueOf(from));
        if (to == null) {
            assertEquals("status", assertThrows(ConflictException.class, () -> transition.accept(campaign))
                    .field().orElseThrow());
            assertEquals(from, campaign.status().name(), "a refused transition changes nothing");
        } else {
            transition.accept(campaign);
            assertEquals(to, campaign.status().name());
        }
    }

    @Test
    void aDraftsTextCanBeCorrectedButNotOnceItWasStarted() {
        Campaign draft = in(Campaign.Status.DRAFT);
        draft.revise("Corrected", "{\"body\":\"New text\"}");
        assertEquals("Corrected", draft.name());
        assertEquals("{\"body\":\"New text\"}", draft.parameters());
        Campaign started = in(Campaign.Status.SENDING);
        assertThrows(ConflictException.class, () -> started.revise("Late", "{}"));
        assertEquals("News", started.name(), "a refused correction changes nothing");
        assertEquals("{}", started.parameters());
    }

    @Test
    void onlyASendingCampaignsMessagesAreDueAndACancelledOneTakesNoRecipients() {
        assertTrue(in(Campaign.Status.SENDING).sending());
        assertFalse(in(Campaign.Status.PAUSED).sending());
        assertFalse(in(Campaign.Status.DRAFT).sending());
        in(Campaign.Status.PAUSED).checkAcceptsRecipients();
        assertThrows(ConflictException.class, () -> in(Campaign.Status.CANCELLED).checkAcceptsRecipients());
    }

    @Test
    void aMessageOfAPausedCampaignGoesBackToWaitingWithoutCountingTheAttempt() {
        OutboxMessage message = new OutboxMessage("EMAIL", "a@example.org", "campaign.announcement", "fr", "{}", null, T);
        message.claim(T);
        message.held();
        assertEquals(OutboxMessage.Status.PENDING, message.status());
        assertEquals(0, message.attempts());
        message.cancelled();
        assertEquals(OutboxMessage.Status.CANCELLED, message.status());
        assertThrows(IllegalStateException.class, message::cancelled);
    }
}
