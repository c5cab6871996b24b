package org.openprimary.registration.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.EJB;
import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.common.TooManyRequestsException;

/**
 * The hotline's support console against the real PostgreSQL, with the console stand-in for phone
 * codes: help codes on every registration, the look-up with masked data and message delivery, the
 * resend under the citizen's limits, and append-only call notes.
 */
@ExtendWith(ArquillianExtension.class)
@DataSourceDefinition(name = "java:app/jdbc/openprimary",
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=openprimary.db.url}",
        user = "${MPCONFIG=openprimary.db.user}",
        password = "${MPCONFIG=openprimary.db.password}")
class SupportServiceContainerTest {

    /** The display form: 4, 4 and 1 characters of Crockford's base32. */
    private static final String FORMAT = "[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]";

    @Deployment
    static WebArchive deployment() {
        JavaArchive registration = ShrinkWrap.create(JavaArchive.class, "openprimary-registration.jar")
                .addPackages(true, "org.openprimary.registration")
                .deleteClass(SupportServiceContainerTest.class)
                .deleteClass(RegistrationServiceContainerTest.class)
                .deleteClass(RetentionContainerTest.class)
                .deleteClass(RollSearchContainerTest.class)
                .addAsManifestResource("META-INF/persistence.xml", "persistence.xml")
                .addAsManifestResource("META-INF/beans.xml", "beans.xml")
                .addAsResource(new File("src/main/resources/db/migration/registration"), "db/migration/registration")
                .addAsResource("disposable-email-domains.txt");
        File[] libraries = new File("target/test-libs").listFiles((dir, name) -> name.endsWith(".jar"));
        return ShrinkWrap.create(WebArchive.class, "support-test.war")
                .addClass(SupportServiceContainerTest.class)
                .addAsLibraries(registration)
                .addAsLibraries(libraries);
    }

    @EJB
    RegistrationService registration;

    @EJB
    SupportService support;

    @EJB
    RegistrationFunnel funnel;

    @EJB
    RollStrikeOffs strikeOffs;

    @EJB
    org.openprimary.notifications.boundary.NotificationService notifications;

    @jakarta.annotation.Resource(lookup = "java:app/jdbc/openprimary")
    javax.sql.DataSource dataSource;

    private UUID open(Set<Factor> factors) {
        UUID election = UUID.randomUUID();
        registration.openRegistration(new RegistrationTerms(election, "Primaire du support", Instant.now(), factors,
                List.of("FR"), RollMode.OPEN));
        return election;
    }

    private static NewRegistrant citizen(String phone, String email) {
        return new NewRegistrant("Camille", "Durand", phone, email, "charter-1", "privacy-1", "fr");
    }

    @Test
    void everyRegistrationHasAUniqueWellFormedHelpCodeThatItsStatusShows() {
        UUID election = open(EnumSet.of(Factor.EMAIL));
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            RegistrationStatus registered = registration.register(election, citizen(null, "camille" + i + "@example.org"));
            assertTrue(registered.helpCode().matches(FORMAT), registered.helpCode());
            assertTrue(codes.add(registered.helpCode()), "two registrations share " + registered.helpCode());
            assertEquals(registered.helpCode(), registration.status(UUID.fromString(registered.id()),
                    registered.resumeToken()).helpCode(), "the status shows the same code every time");
        }
    }

    @Test
    void aVolunteerFindsARegistrationByItsHelpCodeAndSeesOnlyMaskedDataAndDeliveries() {
        UUID election = open(EnumSet.of(Factor.PHONE, Factor.EMAIL));
        RegistrationStatus registered = registration.register(election,
                citizen("06 12 34 98 12", "camille.support@example.org"));
        // read out over the phone: lower case, an O for a zero, spaces instead of hyphens
        String readOut = registered.helpCode().toLowerCase(java.util.Locale.ROOT).replace('0', 'o').replace('-', ' ');

        SupportCase found = support.lookUp(readOut, "operator-1");

        assertEquals(registered.id(), found.registrantId());
        assertEquals(registered.helpCode(), found.helpCode());
        assertEquals("Primaire du support", found.electionTitle());
        assertEquals("Camille D.", found.name());
        assertEquals("+33 6•• •• •• 12", found.phone());
        assertEquals("c•••@example.org", found.email());
        assertEquals("PENDING", found.status());
        assertFalse(found.onRoll());
        assertTrue(found.registrationOpen());
        assertEquals(List.of("PHONE", "EMAIL"), found.factors().stream().map(SupportCase.FactorState::factor).sorted(
                java.util.Comparator.reverseOrder()).toList());
        assertTrue(found.factors().stream().allMatch(f -> f.required() && !f.verified()));
        SupportCase.MessageState link = found.messages().stream()
                .filter(m -> m.template().equals("registration.email-link")).findFirst().orElseThrow();
        assertEquals("EMAIL", link.channel());
        assertEquals("c•••@example.org", link.to());
        assertTrue(Set.of("PENDING", "SENDING", "SENT").contains(link.status()), link.status());
        assertEquals(1, found.phoneCodes().size(), "the stand-in's code sent at registration, without the code");
        String everything = found.toString();
        for (String secret : List.of("Durand", "camille.support", "612349812", "verify-email", "resume")) {
            assertFalse(everything.contains(secret), "the volunteer sees no '" + secret + "': " + everything);
        }
    }

    @Test
    void aMisheardOrUnknownHelpCodeIsRefusedWithTheField() {
        UUID election = open(EnumSet.of(Factor.EMAIL));
        String code = registration.register(election, citizen(null, "misheard@example.org")).helpCode();
        char first = code.charAt(0);
        String misheard = (first == 'A' ? 'B' : 'A') + code.substring(1);

        InvalidInputException wrong = assertThrows(InvalidInputException.class, () -> support.lookUp(misheard, "op"));
        assertEquals("helpCode", wrong.field().orElseThrow());
        assertTrue(wrong.reason().contains("misheard"), wrong.reason());
        assertThrows(InvalidInputException.class, () -> support.lookUp("K3F9-7QXU-4", "op"), "U is not in a code");
        assertThrows(NotFoundException.class, () -> support.lookUp(unused(), "op"));
    }

    /** A well-formed code no registration holds (the 40 bits make a clash with this run's codes negligible). */
    private static String unused() {
        return org.openprimary.registration.entity.HelpCode.random().display();
    }

    @Test
    void theVolunteersResendMeetsTheCitizensLimitsAndStopsOnceVerifiedOrClosed() {
        UUID election = open(EnumSet.of(Factor.PHONE, Factor.EMAIL));
        RegistrationStatus registered = registration.register(election,
                citizen("06 12 34 98 13", "resend.support@example.org"));
        String code = registered.helpCode();
        for (int i = 0; i < 4; i++) { // with the code sent at registration: the 5 of 10 minutes
            support.resendPhoneCode(code, i % 2 == 0 ? "sms" : "call", "operator-1");
        }
        TooManyRequestsException limited = assertThrows(TooManyRequestsException.class,
                () -> support.resendPhoneCode(code, "sms", "operator-1"));
        assertEquals("phone", limited.field().orElseThrow());
        assertEquals(5, support.lookUp(code, "operator-1").phoneCodes().size());
        assertThrows(InvalidInputException.class, () -> support.resendPhoneCode(code, "pigeon", "operator-1"));

        long links = support.lookUp(code, "operator-1").messages().stream()
                .filter(m -> m.template().equals("registration.email-link")).count();
        support.resendEmailLink(code, "operator-1");
        assertEquals(links + 1, support.lookUp(code, "operator-1").messages().stream()
                .filter(m -> m.template().equals("registration.email-link")).count());

        registration.closeRegistration(election, Instant.now());
        assertThrows(ConflictException.class, () -> support.resendEmailLink(code, "operator-1"),
                "the roll is frozen: no more codes");
    }

    @Test
    void callNotesAreKeptWithTheVolunteerAndTheTimeAreNeverChangedAndGoWithTheErasure() throws Exception {
        UUID election = open(EnumSet.of(Factor.EMAIL));
        RegistrationStatus registered = registration.register(election, citizen(null, "notes.support@example.org"));
        String code = registered.helpCode();
        assertThrows(InvalidInputException.class, () -> support.addNote(code, "x".repeat(1001), "operator-1"));
        assertThrows(InvalidInputException.class, () -> support.addNote(code, "   ", "operator-1"));

        support.addNote(code, "The email link did not arrive; resent it.", "operator-1");
        List<SupportCase.CallNoteView> notes = support.addNote(code, "Called back: verified.\nAll good.", "operator-2");

        assertEquals(2, notes.size());
        assertEquals("operator-1", notes.get(0).operator());
        assertEquals("The email link did not arrive; resent it.", notes.get(0).text());
        assertEquals("operator-2", notes.get(1).operator());
        assertEquals(notes, support.notes(code));
        assertEquals(notes, support.lookUp(code, "operator-3").notes());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE registration.call_note SET text = 'forged'"
                    + " WHERE id = " + notes.get(0).id()));
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM registration.call_note WHERE id = "
                    + notes.get(0).id()));
        }
        assertEquals(notes, support.notes(code), "nothing changed");
        PersonalData data = registration.personalData(UUID.fromString(registered.id()), registered.resumeToken());
        assertEquals(code, data.helpCode());
        assertEquals(List.of("The email link did not arrive; resent it.", "Called back: verified.\nAll good."),
                data.callNotes().stream().map(PersonalData.CallNote::text).toList(), "the citizen's data include the notes");

        registration.withdraw(UUID.fromString(registered.id()), registered.resumeToken());

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet left = s.executeQuery("SELECT count(*) FROM registration.call_note WHERE id IN ("
                        + notes.get(0).id() + ", " + notes.get(1).id() + ")")) {
            left.next();
            assertEquals(0, left.getLong(1), "the notes went with the registrant's erasure");
        }
        assertThrows(NotFoundException.class, () -> support.lookUp(code, "operator-1"));
        assertNotEquals(code, registration.register(election, citizen(null, "notes.support@example.org")).helpCode(),
                "registering again gives a new code");
    }

    // ---- the funnel -----------------------------------------------------------------------------

    private String codeFor(String maskedPhone) {
        return registration.consoleCodes(200).stream().filter(code -> code.phone().equals(maskedPhone) && !code.used())
                .findFirst().orElseThrow().code();
    }

    private String emailToken(String address) {
        notifications.dispatchNow();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("verify-email\\.html#r=[0-9a-f-]{36}&t=(\\S+)")
                .matcher(notifications.outbox(500).stream().filter(m -> m.recipient().equals(address)
                        && m.template().equals("registration.email-link")).findFirst().orElseThrow().text());
        assertTrue(link.find());
        return link.group(1);
    }

    @Test
    void theFunnelCountsRegistrationsVerificationsTheRollAndRefusalsPerReasonWithoutPersonalData() {
        UUID election = open(EnumSet.of(Factor.PHONE, Factor.EMAIL));
        RegistrationStatus first = registration.register(election, citizen("06 12 34 71 41", "funnel.first@example.org"));
        registration.register(election, citizen("06 12 34 71 42", "funnel.second@example.org"));
        RegistrationStatus third = registration.register(election, citizen("06 12 34 71 43", "funnel.third@example.org"));
        assertThrows(ConflictException.class, () -> registration.register(election,
                citizen("06 12 34 71 41", "funnel.again@example.org")), "the same phone twice");
        UUID firstId = UUID.fromString(first.id());
        registration.verifyPhone(firstId, first.resumeToken(), codeFor("+33*******41"));
        registration.verifyEmail(firstId, emailToken("funnel.first@example.org"));
        RegistrationStatus thirdPhone = registration.verifyPhone(UUID.fromString(third.id()), third.resumeToken(),
                codeFor("+33*******43"));
        assertEquals("PENDING", thirdPhone.status());
        registration.withdraw(UUID.fromString(third.id()), third.resumeToken());

        FunnelView counted = funnel.funnel(election, 24);

        assertEquals("Primaire du support", counted.electionTitle());
        assertTrue(counted.registrationOpen());
        assertEquals(3, counted.started(), "the withdrawn registration still counts as started");
        assertEquals(java.util.Map.of("PHONE", 2L, "EMAIL", 1L, "CARD", 0L), counted.verified());
        assertEquals(1, counted.reachedRoll());
        assertEquals(1, counted.onRoll());
        assertEquals(1, counted.withdrawn());
        assertEquals(List.of(new FunnelView.Reason("DUPLICATE_IDENTIFIER", 1)), counted.refused());
        assertEquals(List.of(), counted.struckOff());
        assertEquals(24, counted.delivery().windowHours());
        for (String secret : List.of("Camille", "Durand", "funnel.first", "61234714")) {
            assertFalse(counted.toString().contains(secret), "no '" + secret + "' in " + counted);
        }

        strikeOffs.strikeOff(election, firstId, StrikeOffReason.DUPLICATE_PERSON);
        FunnelView struck = funnel.funnel(election, 1);
        assertEquals(List.of(new FunnelView.Reason("DUPLICATE_PERSON", 1)), struck.struckOff());
        assertEquals(0, struck.onRoll());
        assertEquals(1, struck.reachedRoll(), "it did reach the roll");
        assertEquals(1, struck.delivery().windowHours());
        SupportCase seen = support.lookUp(first.helpCode(), "operator-1");
        assertEquals("STRUCK_OFF", seen.status());
        assertEquals("DUPLICATE_PERSON", seen.struckOffReason(), "the volunteer can say why");

        NotFoundException unknown = assertThrows(NotFoundException.class, () -> funnel.funnel(UUID.randomUUID(), 24));
        assertEquals("id", unknown.field().orElseThrow());
        InvalidInputException window = assertThrows(InvalidInputException.class, () -> funnel.funnel(election, 169));
        assertEquals("hours", window.field().orElseThrow());
    }

    private List<SupportCase.MessageState> links(String helpCode) {
        return support.lookUp(helpCode, "operator-1").messages().stream()
                .filter(m -> m.template().equals("registration.email-link")).toList();
    }

    /** Marks the newest email link to an address as failed for good, once the dispatcher is done with it. */
    private void linkFailed(String address) throws Exception {
        for (int i = 0; i < 50 && notifications.history(address).stream()
                .anyMatch(m -> m.status().equals("SENDING")); i++) {
            Thread.sleep(100);
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE notifications.outbox SET status = 'DEAD', attempts = 8,"
                    + " last_error = '550 mailbox unavailable' WHERE id = (SELECT max(id) FROM notifications.outbox"
                    + " WHERE recipient = '" + address + "' AND template = 'registration.email-link')"));
        }
    }

    @Test
    void resendToFailedOnlySendsANewLinkToThoseWhoseLastLinkFailedOnceAndWithinTheirLimit() throws Exception {
        UUID election = open(EnumSet.of(Factor.EMAIL));
        String failed = registration.register(election, citizen(null, "failed.link@example.org")).helpCode();
        String fine = registration.register(election, citizen(null, "fine.link@example.org")).helpCode();
        RegistrationStatus limited = registration.register(election, citizen(null, "limited.link@example.org"));
        RegistrationStatus verified = registration.register(election, citizen(null, "verified.link@example.org"));
        registration.verifyEmail(UUID.fromString(verified.id()), emailToken("verified.link@example.org"));
        for (int i = 0; i < 4; i++) {
            support.resendEmailLink(limited.helpCode(), "operator-1"); // the citizen's 5 links, all sent
        }
        notifications.dispatchNow();
        linkFailed("failed.link@example.org");
        linkFailed("limited.link@example.org");
        linkFailed("verified.link@example.org"); // verified since: nothing to resend

        FunnelView.Resent resent = funnel.resendFailedEmailLinks(election, "organizer-1");

        assertEquals(new FunnelView.Resent(3, 2, 1, 1), resent, "3 unverified, 2 failed, 1 resent, 1 at its limit");
        List<SupportCase.MessageState> failedLinks = links(failed);
        assertEquals(2, failedLinks.size());
        assertEquals("DEAD", failedLinks.get(1).status(), "newest first: the new link, then the failed one");
        assertFalse(failedLinks.get(0).status().equals("DEAD"));
        assertEquals(1, links(fine).size(), "a link that did not fail is not resent");
        assertEquals(5, links(limited.helpCode()).size(), "the citizen's limit holds");

        assertEquals(new FunnelView.Resent(3, 1, 0, 1), funnel.resendFailedEmailLinks(election, "organizer-1"),
                "once: the new link has not failed");
        assertEquals(2, links(failed).size());

        registration.closeRegistration(election, Instant.now());
        ConflictException closed = assertThrows(ConflictException.class,
                () -> funnel.resendFailedEmailLinks(election, "organizer-1"));
        assertEquals("id", closed.field().orElseThrow());
    }
}
