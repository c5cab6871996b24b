package org.openprimary.registration.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LedgerEntryTest {

    private static final UUID ELECTION = UUID.fromString("8dfced9e-6af6-4b7b-adda-c99f228dca7b");
    private static final Instant AT = Instant.parse("2026-11-24T12:00:00.123456789Z");

    @Test
    void theFirstEntryLinksToTheGenesisHashAndIsNumberedOne() {
        LedgerEntry first = LedgerEntry.first(ELECTION, LedgerEntry.Kind.REGISTRATION_OPENED, "opened", AT);
        assertEquals(1, first.seq());
        assertEquals(LedgerEntry.GENESIS, first.prevHash());
        assertEquals(64, first.hash().length());
        assertEquals(first.hash(), first.computeHash());
    }

    @Test
    void eachEntryLinksToThePreviousHash() {
        LedgerEntry first = LedgerEntry.first(ELECTION, LedgerEntry.Kind.REGISTRATION_OPENED, "opened", AT);
        LedgerEntry second = first.next(LedgerEntry.Kind.REGISTERED, "registered", AT.plusSeconds(1));
        assertEquals(2, second.seq());
        assertEquals(first.hash(), second.prevHash());
        assertNotEquals(first.hash(), second.hash());
    }

    @Test
    void theHashDependsOnEveryField() {
        LedgerEntry base = LedgerEntry.first(ELECTION, LedgerEntry.Kind.REGISTRATION_OPENED, "opened", AT);
        assertNotEquals(base.hash(), LedgerEntry.first(UUID.randomUUID(),
                LedgerEntry.Kind.REGISTRATION_OPENED, "opened", AT).hash());
        assertNotEquals(base.hash(), LedgerEntry.first(ELECTION,
                LedgerEntry.Kind.REGISTRATION_OPENED, "opened!", AT).hash());
        assertNotEquals(base.hash(), LedgerEntry.first(ELECTION,
                LedgerEntry.Kind.REGISTRATION_OPENED, "opened", AT.plusMillis(1)).hash());
    }

    @Test
    void theCountsMoveOnlyAsEachKindSays() {
        LedgerEntry entry = LedgerEntry.first(ELECTION, LedgerEntry.Kind.REGISTRATION_OPENED, "opened", AT);
        assertEquals(0, entry.registrants());
        entry = entry.next(LedgerEntry.Kind.REGISTERED, "registered", AT);
        entry = entry.next(LedgerEntry.Kind.REGISTERED, "registered", AT);
        entry = entry.next(LedgerEntry.Kind.REFUSED_DUPLICATE, "duplicate", AT);
        entry = entry.next(LedgerEntry.Kind.FACTOR_VERIFIED, "PHONE", AT);
        entry = entry.next(LedgerEntry.Kind.ADDED_TO_ROLL, "on the roll", AT);
        assertEquals(2, entry.registrants());
        assertEquals(1, entry.rollSize());
        assertEquals(6, entry.seq());
    }

    @Test
    void timesAreKeptToTheMicrosecondLikePostgresql() {
        LedgerEntry entry = LedgerEntry.first(ELECTION, LedgerEntry.Kind.REGISTRATION_OPENED, "opened", AT);
        assertEquals(Instant.parse("2026-11-24T12:00:00.123456Z"), entry.recordedAt());
    }
}
