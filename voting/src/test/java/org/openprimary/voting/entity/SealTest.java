package org.openprimary.voting.entity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;

class SealTest {

    private static final Instant NOW = Instant.parse("2027-01-01T12:00:00Z");
    private static final Instant OPENS = Instant.parse("2027-01-14T07:00:00Z");
    private static final Instant CLOSES = Instant.parse("2027-01-17T16:00:00Z");
    private static final String HEAD = "a".repeat(64);
    private static final String CREDENTIALS = "b".repeat(64);
    private static final List<String> TRUSTEES = List.of("alice", "bob");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private Election inRegistration() {
        Election election = Election.draft("Primaire", List.of("Alice", "Bob"), GradeScale.DEFAULT, clock);
        election.openRegistration(clock);
        election.requireTrustees(2, 2);
        return election;
    }

    @Test
    void theScheduleMustOpenInTheFutureAndCloseAfterItOpens() {
        Election election = inRegistration();
        assertEquals("votingOpensAt", assertThrows(InvalidInputException.class,
                () -> election.schedule(NOW.minusSeconds(1), CLOSES, clock)).field().orElseThrow());
        assertEquals("votingClosesAt", assertThrows(InvalidInputException.class,
                () -> election.schedule(OPENS, OPENS, clock)).field().orElseThrow());
        assertEquals(List.of("the voting schedule is not set"), election.missingBeforeSeal(clock));
        election.schedule(OPENS, CLOSES, clock);
        assertTrue(election.missingBeforeSeal(clock).isEmpty());
    }

    @Test
    void aSealNeedsAnOrganizerAndAnotherPersonABailiffWhoReadsBackTheFingerprint() throws Exception {
        Election election = inRegistration();
        election.schedule(OPENS, CLOSES, clock);
        SealDocument document = election.proposeSeal("organizer", 42, 87, HEAD, NOW, CREDENTIALS, new byte[32], TRUSTEES, "openprimary 0.1.0", clock);

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(document.text().getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, election.sealFingerprint().orElseThrow(), "anyone can recompute it from the text");
        assertTrue(document.text().contains("roll.size=42\n"));
        assertTrue(document.text().contains("roll.ledger.head=" + HEAD + "\n"));
        assertTrue(document.text().contains("voting.opens=2027-01-14T07:00:00Z\n"));
        assertTrue(document.text().contains("registration.roll-mode=OPEN\nregistration.landline=refused\n"),
                document.text());
        assertTrue(document.text().contains("roll.credentials=" + CREDENTIALS + "\n"), "the voters' credentials");
        assertTrue(document.text().contains("trustees=2\ntrustee.1=alice\ntrustee.2=bob\ntrustees.threshold=2\n"),
                document.text());
        assertEquals(ElectionState.REGISTRATION, election.state(), "not sealed until the bailiff confirms");

        assertEquals("bailiff", assertThrows(ConflictException.class,
                () -> election.confirmSeal("organizer", expected, clock)).field().orElseThrow());
        assertEquals("fingerprint", assertThrows(InvalidInputException.class,
                () -> election.confirmSeal("bailiff", "b".repeat(64), clock)).field().orElseThrow());
        election.confirmSeal("bailiff", expected.toUpperCase(), clock);

        assertEquals(ElectionState.SEALED, election.state());
        assertEquals("bailiff", election.sealedBy().orElseThrow());
        assertThrows(ConflictException.class, () -> election.confirmSeal("bailiff", expected, clock));
        assertThrows(ConflictException.class, () -> election.schedule(OPENS, CLOSES, clock), "sealed means frozen");
    }

    @Test
    void anElectionThatAcceptsALandlineSealsThatSettingAndCanNoLongerChangeIt() {
        Election election = inRegistration();
        election.acceptLandlines(true);
        election.schedule(OPENS, CLOSES, clock);
        SealDocument document = election.proposeSeal("organizer", 42, 87, HEAD, NOW, CREDENTIALS, new byte[32], TRUSTEES,
                "openprimary 0.1.0", clock);
        assertTrue(document.text().contains("registration.landline=" + SealDocument.LANDLINE_ACCEPTED + "\n"),
                document.text());
        assertThrows(ConflictException.class, () -> election.acceptLandlines(false), "frozen by the proposal");
    }

    /** Issue 8: the fee is a draft setting, sealed on its own line after the landline's. */
    @Test
    void aParticipationFeeIsSetInTheDraftOnlyAndIsSealed() {
        Election election = Election.draft("Primaire", List.of("Alice", "Bob"), GradeScale.DEFAULT, clock);
        assertEquals(ParticipationFee.NONE, election.fee());
        election.chargeFee(ParticipationFee.of(new java.math.BigDecimal("100"), null));
        assertEquals(new ParticipationFee(100, "EUR"), election.fee());
        election.openRegistration(clock);
        assertEquals("state", assertThrows(ConflictException.class,
                () -> election.chargeFee(ParticipationFee.NONE)).field().orElseThrow(), "frozen when registration opens");
        election.requireTrustees(2, 2);
        election.schedule(OPENS, CLOSES, clock);
        SealDocument document = election.proposeSeal("organizer", 42, 87, HEAD, NOW, CREDENTIALS, new byte[32], TRUSTEES,
                "openprimary 0.1.0", clock);
        assertTrue(document.text().contains("registration.landline=refused\nregistration.fee=100 EUR\nvoting.opens="),
                document.text());

        SealDocument.Content free = new SealDocument.Content("e", "Primaire", List.of("A", "B"), List.of("Non", "Oui"),
                List.of("PHONE"), List.of("FR"), "OPEN", false, OPENS, CLOSES, 10, 20, HEAD, CREDENTIALS, TRUSTEES, 2,
                "sms", "v1");
        assertTrue(SealDocument.of(free).text().contains("\nregistration.fee=none\n"), "no fee is sealed too");
        assertNotEquals(SealDocument.of(free).fingerprint(), SealDocument.of(new SealDocument.Content("e", "Primaire",
                List.of("A", "B"), List.of("Non", "Oui"), List.of("PHONE"), List.of("FR"), "OPEN", false, "100 EUR",
                OPENS, CLOSES, 10, 20, HEAD, CREDENTIALS, TRUSTEES, 2, "sms", "v1")).fingerprint(), "the fee is sealed");
    }

    @Test
    void aSealNeedsTrusteesAndAThresholdWithinTheirNumber() {
        Election election = Election.draft("Primaire", List.of("Alice", "Bob"), GradeScale.DEFAULT, clock);
        election.openRegistration(clock);
        election.schedule(OPENS, CLOSES, clock);
        assertEquals(1, election.missingBeforeSeal(clock).size(), "no trustees yet");
        assertEquals("threshold", assertThrows(InvalidInputException.class,
                () -> election.requireTrustees(2, 3)).field().orElseThrow());
        assertEquals("trustees", assertThrows(InvalidInputException.class,
                () -> election.requireTrustees(0, 0)).field().orElseThrow());
        election.requireTrustees(3, 2);
        assertTrue(election.missingBeforeSeal(clock).isEmpty());
    }

    @Test
    void votingOpensOnlyAfterTheRehearsalAndAtItsTimeAndClosesAtItsTime() throws Exception {
        Election election = inRegistration();
        election.schedule(OPENS, CLOSES, clock);
        SealDocument document = election.proposeSeal("organizer", 42, 87, HEAD, NOW, CREDENTIALS, new byte[] {7},
                TRUSTEES, "v", clock);
        election.confirmSeal("bailiff", document.fingerprint(), clock);
        election.keyGenerated("key", new byte[] {1}, "g".repeat(64), clock);
        Clock atOpening = Clock.fixed(OPENS, ZoneOffset.UTC);
        assertEquals(List.of("the trustees have not held the decryption rehearsal"), election.missingBeforeOpening(atOpening));
        election.rehearsalPassed(clock);
        assertFalse(election.missingBeforeOpening(clock).isEmpty(), "not before its time");
        assertArrayEquals(new byte[] {7}, election.openVoting("signing", atOpening), "the link key, handed back once");
        assertEquals(ElectionState.VOTING, election.state());
        assertTrue(election.acceptsBallots(atOpening));
        assertFalse(election.acceptsBallots(Clock.fixed(CLOSES, ZoneOffset.UTC)), "a ballot at the close is late");
        assertThrows(ConflictException.class, () -> election.closeVoting(atOpening));
        election.closeVoting(Clock.fixed(CLOSES, ZoneOffset.UTC));
        assertEquals(ElectionState.CLOSED, election.state());
        assertThrows(ConflictException.class, () -> election.publish("organizer", clock), "count first");
        election.counted("{}", clock);
        election.publish("organizer", clock);
        assertEquals(ElectionState.PUBLISHED, election.state());
        assertThrows(ConflictException.class, () -> election.publish("organizer", clock));
    }

    @Test
    void candidatesAreDescribedWithCheckedDetailsUntilTheSealFreezesThem() {
        Election election = inRegistration();
        election.describe("  La primaire des citoyens  ");
        election.describeCandidate(1, "Les Verts", "https://primaire.example/bob.jpg", "Pour le climat.");
        assertEquals("La primaire des citoyens", election.description().orElseThrow());
        assertEquals("Les Verts", election.candidates().get(1).party().orElseThrow());
        assertTrue(election.candidates().get(0).party().isEmpty());
        assertEquals("candidate.photoUrl", assertThrows(InvalidInputException.class,
                () -> election.describeCandidate(0, null, "javascript:alert(1)", null)).field().orElseThrow());
        assertEquals("candidate.photoUrl", assertThrows(InvalidInputException.class,
                () -> election.describeCandidate(0, null, "http://primaire.example/a.jpg", null)).field().orElseThrow(),
                "https only: no mixed content, no tracking over plain HTTP");
        assertEquals("candidate.statement", assertThrows(InvalidInputException.class,
                () -> election.describeCandidate(0, null, null, "x".repeat(2001))).field().orElseThrow());
        assertEquals("position", assertThrows(org.openprimary.common.NotFoundException.class,
                () -> election.describeCandidate(2, null, null, null)).field().orElseThrow());
        election.schedule(OPENS, CLOSES, clock);
        election.proposeSeal("organizer", 1, 2, HEAD, NOW, CREDENTIALS, new byte[32], TRUSTEES, "v", clock);
        assertThrows(ConflictException.class, () -> election.describeCandidate(0, "X", null, null));
        assertThrows(ConflictException.class, () -> election.describe("changed"));
    }

    @Test
    void anEmptyRollOrAMissingScheduleCannotBeSealed() {
        Election election = inRegistration();
        assertThrows(ConflictException.class, () -> election.proposeSeal("o", 10, 20, HEAD, NOW, CREDENTIALS, new byte[32], TRUSTEES, "v", clock));
        election.schedule(OPENS, CLOSES, clock);
        assertEquals("roll", assertThrows(ConflictException.class,
                () -> election.proposeSeal("o", 0, 2, HEAD, NOW, CREDENTIALS, new byte[32], TRUSTEES, "v", clock)).field().orElseThrow());
        assertThrows(ConflictException.class, () -> election.confirmSeal("b", HEAD, clock), "nothing proposed");
    }

    @Test
    void everyCoveredItemChangesTheFingerprintAndNoValueCanForgeALine() {
        SealDocument.Content base = new SealDocument.Content("e", "Primaire", List.of("A", "B"), List.of("Non", "Oui"),
                List.of("PHONE"), List.of("FR"), "OPEN", false, OPENS, CLOSES, 10, 20, HEAD, CREDENTIALS, TRUSTEES, 2, "sms", "v1");
        String fingerprint = SealDocument.of(base).fingerprint();
        assertNotEquals(fingerprint, SealDocument.of(new SealDocument.Content("e", "Primaire", List.of("B", "A"),
                List.of("Non", "Oui"), List.of("PHONE"), List.of("FR"), "OPEN", false, OPENS, CLOSES, 10, 20, HEAD, CREDENTIALS, TRUSTEES, 2, "sms", "v1"))
                .fingerprint(), "the ballot order is sealed");
        assertNotEquals(fingerprint, SealDocument.of(new SealDocument.Content("e", "Primaire", List.of("A", "B"),
                List.of("Non", "Oui"), List.of("PHONE"), List.of("FR"), "OPEN", false, OPENS, CLOSES, 11, 20, HEAD, CREDENTIALS, TRUSTEES, 2, "sms", "v1"))
                .fingerprint(), "the roll is sealed");
        assertNotEquals(fingerprint, SealDocument.of(new SealDocument.Content("e", "Primaire", List.of("A", "B"),
                List.of("Non", "Oui"), List.of("PHONE"), List.of("FR"), "OPEN", false, OPENS, CLOSES, 10, 20, HEAD, CREDENTIALS, TRUSTEES, 2, "sms", "v2"))
                .fingerprint(), "the software version is sealed");
        assertNotEquals(fingerprint, SealDocument.of(new SealDocument.Content("e", "Primaire", List.of("A", "B"),
                List.of("Non", "Oui"), List.of("PHONE"), List.of("FR"), "OPEN", false, OPENS, CLOSES, 10, 20, HEAD,
                "c".repeat(64), TRUSTEES, 2, "sms", "v1")).fingerprint(), "the credentials are sealed");
        assertNotEquals(fingerprint, SealDocument.of(new SealDocument.Content("e", "Primaire", List.of("A", "B"),
                List.of("Non", "Oui"), List.of("PHONE"), List.of("FR"), "OPEN", false, OPENS, CLOSES, 10, 20, HEAD,
                CREDENTIALS, TRUSTEES, 1, "sms", "v1")).fingerprint(), "the threshold is sealed");
        assertNotEquals(fingerprint, SealDocument.of(new SealDocument.Content("e", "Primaire", List.of("A", "B"),
                List.of("Non", "Oui"), List.of("PHONE"), List.of("FR"), "OPEN", true, OPENS, CLOSES, 10, 20, HEAD,
                CREDENTIALS, TRUSTEES, 2, "sms", "v1")).fingerprint(), "accepting a landline is sealed");
        String forged = SealDocument.of(new SealDocument.Content("e", "Primaire\nroll.size=99", List.of("A"),
                List.of("Non", "Oui"), List.of("PHONE"), List.of("FR"), "OPEN", false, OPENS, CLOSES, 10, 20, HEAD, CREDENTIALS, TRUSTEES, 2, "sms", "v1")).text();
        assertTrue(forged.contains("title=Primaire\\nroll.size\\=99\n"), forged);
        assertEquals(1, forged.lines().filter(line -> line.startsWith("roll.size=")).count());
    }
}
