package org.openprimary.voting.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;

class SecondRoundTest {

    private static final Instant NOW = Instant.parse("2027-01-01T12:00:00Z");
    private static final Instant OPENS = Instant.parse("2027-01-14T07:00:00Z");
    private static final Instant CLOSES = Instant.parse("2027-01-17T16:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private Election sealed(Election election) {
        election.openRegistration(clock);
        election.requireTrustees(2, 2);
        election.schedule(OPENS, CLOSES, clock);
        SealDocument document = election.proposeSeal("organizer", 42, 87, "a".repeat(64), NOW, "b".repeat(64),
                new byte[] {7}, List.of("alice", "bob"), "v", clock);
        election.confirmSeal("bailiff", document.fingerprint(), clock);
        return election;
    }

    private Election counted() {
        Election election = sealed(Election.draft("Primaire", List.of("Alice", "Bob", "Chloé"), GradeScale.DEFAULT,
                clock));
        election.keyGenerated("key", new byte[] {1}, "g".repeat(64), clock);
        election.rehearsalPassed(clock);
        election.openVoting("signing", Clock.fixed(OPENS, ZoneOffset.UTC));
        election.closeVoting(Clock.fixed(CLOSES, ZoneOffset.UTC));
        election.counted("{}", clock);
        return election;
    }

    @Test
    void aSecondRoundAsksNoParticipationFeeSinceItsRollIsTheFirstRounds() {
        Election second = counted().secondRound(null, List.of("Alice", "Bob"), clock);

        ConflictException refused = assertThrows(ConflictException.class,
                () -> second.chargeFee(ParticipationFee.of(new java.math.BigDecimal("100"), "EUR")));
        assertEquals("feeCents", refused.field().orElseThrow());
        assertFalse(second.fee().charged());
        second.chargeFee(ParticipationFee.of(java.math.BigDecimal.ZERO, null));
        assertFalse(second.fee().charged(), "no fee stays possible");
    }

    @Test
    void aSecondRoundIsADraftWithTheChosenCandidatesInTheGivenOrderAndNamesItsFirstRound() {
        Election first = counted();

        Election second = first.secondRound(" ", List.of("Chloé", "Alice"), clock);

        assertEquals(ElectionState.DRAFT, second.state());
        assertEquals(List.of("Chloé", "Alice"), second.candidateNames());
        assertEquals("Primaire (second round)", second.title());
        assertEquals(first.id(), second.firstRoundId().orElseThrow());
        assertNotEquals(first.id(), second.id());
        assertFalse(first.firstRoundId().isPresent());
        assertEquals("Second tour", first.secondRound("Second tour", List.of("Bob", "Alice"), clock).title());
    }

    @Test
    void onlyACountedElectionHasASecondRoundOfAtLeastTwoOfItsCandidatesEachOnce() {
        Election registering = Election.draft("Primaire", List.of("Alice", "Bob"), GradeScale.DEFAULT, clock);
        registering.openRegistration(clock);
        assertEquals("state", assertThrows(ConflictException.class,
                () -> registering.secondRound(null, List.of("Alice", "Bob"), clock)).field().orElseThrow());
        Election first = counted();
        assertEquals("candidates", assertThrows(InvalidInputException.class,
                () -> first.secondRound(null, List.of("Alice"), clock)).field().orElseThrow());
        assertEquals("candidates[1]", assertThrows(InvalidInputException.class,
                () -> first.secondRound(null, List.of("Alice", "Zoé"), clock)).field().orElseThrow());
        assertEquals("candidates[2]", assertThrows(InvalidInputException.class,
                () -> first.secondRound(null, List.of("Alice", "Bob", "Alice"), clock)).field().orElseThrow());
    }

    @Test
    void theSecondRoundsSealSaysWhichElectionItIsTheSecondRoundOf() {
        Election first = counted();
        Election second = first.secondRound(null, List.of("Alice", "Bob"), clock);
        sealed(second);

        String text = second.sealDocument().orElseThrow();
        assertTrue(text.endsWith("\nsecond-round.of=" + first.id() + "\n"), text);
        assertFalse(first.sealDocument().orElseThrow().contains("second-round"), "a first round's seal has no such line");
        assertEquals(new SealDocument(text).fingerprint(), second.sealFingerprint().orElseThrow(),
                "the fingerprint covers the line");
    }
}
