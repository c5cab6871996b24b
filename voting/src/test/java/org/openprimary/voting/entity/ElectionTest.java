package org.openprimary.voting.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;

class ElectionTest {

    private static final Instant NOON = Instant.parse("2026-11-24T12:00:00Z");
    private final Clock clock = Clock.fixed(NOON, ZoneOffset.UTC);

    private Election draft() {
        return Election.draft("  Primaire 2027 ", List.of(" Alice ", "Bob"), GradeScale.DEFAULT, clock);
    }

    @Test
    void aDraftKeepsTrimmedInputAndStartsInDraft() {
        Election election = draft();
        assertEquals("Primaire 2027", election.title());
        assertEquals(List.of("Alice", "Bob"), election.candidateNames());
        assertEquals(ElectionState.DRAFT, election.state());
        assertEquals(NOON, election.createdAt());
        assertTrue(election.registrationOpenedAt().isEmpty());
        assertEquals(List.of("Insuffisant", "Passable", "Assez bien", "Bien", "Très bien"), election.scale().names());
    }

    @Test
    void openingRegistrationMovesToRegistrationAndRecordsWhen() {
        Election election = draft();
        assertTrue(election.missingBeforeRegistration().isEmpty());
        Clock later = Clock.offset(clock, java.time.Duration.ofHours(1));
        election.openRegistration(later);
        assertEquals(ElectionState.REGISTRATION, election.state());
        assertEquals(NOON.plusSeconds(3600), election.registrationOpenedAt().orElseThrow());
    }

    @Test
    void registrationCannotOpenTwice() {
        Election election = draft();
        election.openRegistration(clock);
        ConflictException refused = assertThrows(ConflictException.class, () -> election.openRegistration(clock));
        assertEquals("state", refused.field().orElseThrow());
        assertTrue(refused.reason().contains("REGISTRATION, not DRAFT"), refused.reason());
    }

    static List<Object[]> badDrafts() {
        List<String> tooMany = IntStream.rangeClosed(1, 1001).mapToObj(i -> "C" + i).toList();
        List<String> withNull = new ArrayList<>(List.of("Alice"));
        withNull.add(null);
        return List.of(
                new Object[] {null, List.of("Alice"), "title"},
                new Object[] {"   ", List.of("Alice"), "title"},
                new Object[] {"x".repeat(201), List.of("Alice"), "title"},
                new Object[] {"Primaire", null, "candidates"},
                new Object[] {"Primaire", Collections.emptyList(), "candidates"},
                new Object[] {"Primaire", tooMany, "candidates"},
                new Object[] {"Primaire", withNull, "candidates[1]"},
                new Object[] {"Primaire", List.of("Alice", " "), "candidates[1]"},
                new Object[] {"Primaire", List.of("Alice", "ALICE "), "candidates[1]"},
                new Object[] {"Primaire", List.of("y".repeat(201)), "candidates[0]"});
    }

    @ParameterizedTest
    @MethodSource("badDrafts")
    void aBadDraftIsRefusedNamingTheField(String title, List<String> candidates, String field) {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> Election.draft(title, candidates, GradeScale.DEFAULT, clock));
        assertEquals(field, refused.field().orElseThrow());
    }

    @Test
    void aThousandCandidatesAreAllowed() {
        List<String> names = IntStream.rangeClosed(1, 1000).mapToObj(i -> "Candidate " + i).toList();
        assertEquals(1000, Election.draft("Big", names, GradeScale.DEFAULT, clock).candidateNames().size());
    }

    @Test
    void gradeScalesHaveTwoToSevenDistinctNamedGrades() {
        assertEquals(2, new GradeScale(List.of("Non", "Oui")).names().size());
        assertEquals(7, new GradeScale(Arrays.asList("1", "2", "3", "4", "5", "6", "7")).names().size());
        assertEquals("grades", assertThrows(InvalidInputException.class,
                () -> new GradeScale(List.of("Seul"))).field().orElseThrow());
        assertEquals("grades", assertThrows(InvalidInputException.class,
                () -> new GradeScale(List.of("1", "2", "3", "4", "5", "6", "7", "8"))).field().orElseThrow());
        assertEquals("grades[1]", assertThrows(InvalidInputException.class,
                () -> new GradeScale(List.of("Bien", "bien"))).field().orElseThrow());
        assertEquals("grades[0]", assertThrows(InvalidInputException.class,
                () -> new GradeScale(List.of("", "Bien"))).field().orElseThrow());
        assertEquals(GradeScale.DEFAULT, GradeScale.ofOrDefault(null));
    }
}
