package org.openprimary.registration.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.EJB;
import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumSet;
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
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;

/**
 * The console's roll search against the real PostgreSQL: each kind of query finds its registrant
 * and only in its election, with masked data and the status (missing factors, strike-off reason),
 * at most 50 results, each query answered by its index; and the appeals queue names the
 * strike-off's reason and the masked appellant.
 */
@ExtendWith(ArquillianExtension.class)
@DataSourceDefinition(name = "java:app/jdbc/openprimary",
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=openprimary.db.url}",
        user = "${MPCONFIG=openprimary.db.user}",
        password = "${MPCONFIG=openprimary.db.password}")
class RollSearchContainerTest {

    @Deployment
    static WebArchive deployment() {
        JavaArchive registration = ShrinkWrap.create(JavaArchive.class, "openprimary-registration.jar")
                .addPackages(true, "org.openprimary.registration")
                .deleteClass(RollSearchContainerTest.class)
                .deleteClass(RetentionContainerTest.class)
                .deleteClass(SupportServiceContainerTest.class)
                .deleteClass(RegistrationServiceContainerTest.class)
                .addAsManifestResource("META-INF/persistence.xml", "persistence.xml")
                .addAsManifestResource("META-INF/beans.xml", "beans.xml")
                .addAsResource(new File("src/main/resources/db/migration/registration"), "db/migration/registration")
                .addAsResource("disposable-email-domains.txt");
        File[] libraries = new File("target/test-libs").listFiles((dir, name) -> name.endsWith(".jar"));
        return ShrinkWrap.create(WebArchive.class, "roll-search-test.war")
                .addClass(RollSearchContainerTest.class)
                .addAsLibraries(registration)
                .addAsLibraries(libraries);
    }

    @EJB
    RegistrationService registration;

    @EJB
    RollSearch roll;

    @EJB
    RollStrikeOffs strikeOffs;

    @EJB
    Appeals appeals;

    @jakarta.annotation.Resource(lookup = "java:app/jdbc/openprimary")
    javax.sql.DataSource dataSource;

    private UUID open(Set<Factor> factors) {
        UUID election = UUID.randomUUID();
        registration.openRegistration(new RegistrationTerms(election, "Primaire de la liste", Instant.now(), factors,
                List.of("FR"), RollMode.OPEN));
        return election;
    }

    private RegistrationStatus register(UUID election, String first, String last, String phone, String email) {
        return registration.register(election, new NewRegistrant(first, last, phone, email, "charter-1", "privacy-1",
                "fr"));
    }

    /** Verifies the registrant's phone with the code the console stand-in sent it: they are on the roll. */
    private void onRoll(RegistrationStatus registered, String e164) throws Exception {
        String code;
        try (Connection c = dataSource.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                "SELECT code FROM registration.console_code WHERE phone_e164 = ? ORDER BY created_at DESC LIMIT 1")) {
            s.setString(1, e164);
            try (ResultSet row = s.executeQuery()) {
                assertTrue(row.next(), "a code was sent to " + e164);
                code = row.getString(1);
            }
        }
        assertEquals("ON_ROLL", registration.verifyPhone(UUID.fromString(registered.id()), registered.resumeToken(), code)
                .status());
    }

    /** Four digits that are not the end of the other registrant's phone. */
    private static String unique() {
        String digits;
        do {
            digits = String.format("%04d", new java.security.SecureRandom().nextInt(10_000));
        } while (digits.equals("5432"));
        return digits;
    }

    @Test
    void eachKindOfQueryFindsItsRegistrantInThisElectionOnlyWithMaskedData() throws Exception {
        UUID election = open(EnumSet.of(Factor.PHONE, Factor.EMAIL));
        UUID other = open(EnumSet.of(Factor.PHONE, Factor.EMAIL));
        String digits = unique();
        RegistrationStatus camille = register(election, "Camille", "Durand", "06 12 34 " + digits.substring(0, 2) + " "
                + digits.substring(2), "Camille.Durand@Example.org");
        register(other, "Camille", "Durand", "06 12 34 " + digits.substring(0, 2) + " " + digits.substring(2),
                "camille.durand@example.org");
        register(election, "Dominique", "Dupont", "06 98 76 54 32", "dominique@example.net");

        for (String q : List.of(digits, "34 " + digits.substring(0, 2) + " " + digits.substring(2),
                "06 12 34 " + digits.substring(0, 2) + " " + digits.substring(2), "camille.dur", "CAMILLE.DURAND@EXAMPLE.ORG",
                "Durand", "dura", "Camille Dur", "Dur Camille", camille.helpCode(), camille.helpCode().toLowerCase(
                        java.util.Locale.ROOT).replace("-", " "))) {
            RollSearchResult found = roll.search(election, q, "organizer-1");
            assertEquals(List.of(camille.id()), found.registrants().stream().map(RollEntry::registrantId).toList(),
                    "'" + q + "' finds Camille in this election only");
            assertFalse(found.more());
        }
        assertEquals("PHONE", roll.search(election, digits, "organizer-1").by());
        assertEquals("EMAIL", roll.search(election, "camille.dur", "organizer-1").by());
        assertEquals("NAME", roll.search(election, "Camille Dur", "organizer-1").by());
        assertEquals("HELP_CODE", roll.search(election, camille.helpCode(), "organizer-1").by());
        assertEquals(List.of(camille.id()), roll.search(election, camille.id(), "bailiff-1").registrants().stream()
                .map(RollEntry::registrantId).toList(), "by the id a strike-off names");
        assertTrue(roll.search(other, camille.id(), "bailiff-1").registrants().isEmpty(), "not in another election");
        assertEquals(2, roll.search(election, "du", "organizer-1").registrants().size(), "Dupont and Durand");

        RollEntry entry = roll.search(election, digits, "organizer-1").registrants().get(0);
        assertEquals("Camille D.", entry.name());
        assertEquals("+33 6•• •• •• " + digits.substring(2), entry.phone());
        assertEquals("C•••@Example.org", entry.email());
        assertEquals(camille.helpCode(), entry.helpCode());
        assertEquals("PENDING", entry.status());
        assertEquals(List.of("PHONE", "EMAIL"), entry.missingFactors());
        assertFalse(entry.imported());
        for (String secret : List.of("Durand", "amille.Durand", "612" + "34" + digits, "resume")) {
            assertFalse(entry.toString().contains(secret), "no '" + secret + "' in " + entry);
        }
        assertTrue(roll.search(election, "Martin", "organizer-1").registrants().isEmpty());
    }

    @Test
    void namesAreFoundWhateverTheirAccentsAndCase() {
        UUID election = open(EnumSet.of(Factor.PHONE));
        String digits = unique();
        RegistrationStatus helene = register(election, "Hélène", "Lefèvre", "06 45 68 " + digits.substring(0, 2) + " "
                + digits.substring(2), null);
        register(election, "Noël", "Çelik", "06 45 69 " + digits.substring(0, 2) + " " + digits.substring(2), null);
        for (String q : List.of("Lefèvre", "lefevre", "LEFEVRE", "LÉFÈVRE", "Helene Lef", "hélène lefe", "Lef Helene")) {
            assertEquals(List.of(helene.id()), roll.search(election, q, "operator-1").registrants().stream()
                    .map(RollEntry::registrantId).toList(), "'" + q + "' finds Hélène Lefèvre");
        }
        assertEquals(1, roll.search(election, "celik", "operator-1").registrants().size(), "Ç is C");
        assertEquals(1, roll.search(election, "Noel Cel", "operator-1").registrants().size(), "ë is e");
        assertTrue(roll.search(election, "Lefevres", "operator-1").registrants().isEmpty(), "still a prefix");
    }

    @Test
    void theStatusSaysOnTheRollOrStruckOffWithTheReason() throws Exception {
        UUID election = open(EnumSet.of(Factor.PHONE));
        String digits = unique();
        RegistrationStatus one = register(election, "Alix", "Statut", "06 45 67 " + digits.substring(0, 2) + " "
                + digits.substring(2), "alix.statut@example.org");
        onRoll(one, "+3364567" + digits);
        RollEntry onRoll = roll.search(election, "Statut", "bailiff-1").registrants().get(0);
        assertEquals("ON_ROLL", onRoll.status());
        assertEquals(List.of(), onRoll.missingFactors());
        assertNull(onRoll.struckOffReason());

        strikeOffs.strikeOff(election, UUID.fromString(one.id()), StrikeOffReason.DUPLICATE_PERSON);

        RollEntry struck = roll.search(election, "Statut", "bailiff-1").registrants().get(0);
        assertEquals("STRUCK_OFF", struck.status());
        assertEquals("DUPLICATE_PERSON", struck.struckOffReason());
        assertTrue(struck.struckOffAt() != null);

        // the appeals queue says why, and who, masked
        appeals.file(UUID.fromString(one.id()), one.resumeToken(), "Je ne suis inscrit qu'une fois.");
        AppealView appeal = appeals.forElection(election).get(0);
        assertEquals("DUPLICATE_PERSON", appeal.reason());
        assertEquals("Alix S.", appeal.name());
        assertEquals(one.helpCode(), appeal.helpCode());
        assertEquals("FILED", appeal.status());
    }

    @Test
    void atMostFiftyAreReturnedAndTheRestIsSaid() {
        UUID election = open(EnumSet.of(Factor.EMAIL));
        for (int i = 0; i < 51; i++) {
            register(election, "Prénom" + i, "Nombreux", null, "nombreux" + i + "@example.org");
        }
        RollSearchResult found = roll.search(election, "Nombreux", "auditor-1");
        assertEquals(RollSearch.MAX_RESULTS, found.registrants().size());
        assertTrue(found.more());
        RollSearchResult narrower = roll.search(election, "nombreux5", "auditor-1");
        assertEquals(2, narrower.registrants().size(), "nombreux5 and nombreux50");
        assertFalse(narrower.more());
    }

    @Test
    void likeWildcardsInAQueryAreLiteral() {
        UUID election = open(EnumSet.of(Factor.EMAIL));
        String literal = register(election, "Under", "Score", null, "under_score@example.org").id();
        register(election, "Under", "Scorex", null, "underxscore@example.org");
        List<RollEntry> found = roll.search(election, "under_", "operator-1").registrants();
        assertEquals(List.of(literal), found.stream().map(RollEntry::registrantId).toList(),
                "the _ matches itself, not any character");
    }

    @Test
    void aBadQueryOrAnElectionWithoutARollIsRefusedOnItsField() {
        UUID election = open(EnumSet.of(Factor.EMAIL));
        for (String q : new String[] {null, "", "1", "D", "@example.org", "Dur%"}) {
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> roll.search(election, q, "organizer-1"), "'" + q + "'");
            assertEquals("q", refused.field().orElseThrow());
        }
        NotFoundException unknown = assertThrows(NotFoundException.class,
                () -> roll.search(UUID.randomUUID(), "Durand", "organizer-1"));
        assertEquals("id", unknown.field().orElseThrow());
    }

    @Test
    void theLedgerComesInPagesOldestFirstWithTheRunningCounts() {
        UUID election = open(EnumSet.of(Factor.EMAIL));
        for (int i = 0; i < 5; i++) {
            register(election, "Page" + i, "Registre", null, "registre" + i + "@example.org");
        }
        List<LedgerEntryView> all = registration.ledger(election);
        List<LedgerEntryView> last = registration.ledger(election, null, 2);
        assertEquals(all.subList(all.size() - 2, all.size()), last, "the newest two, oldest first");
        assertEquals(5, last.get(1).registrants());
        List<LedgerEntryView> before = registration.ledger(election, last.get(0).seq(), 2);
        assertEquals(all.subList(all.size() - 4, all.size() - 2), before);
        assertEquals(List.of(all.get(0)), registration.ledger(election, all.get(1).seq(), 1000), "nothing before the first");
        for (int wrong : new int[] {0, 1001}) {
            assertEquals("last", assertThrows(InvalidInputException.class,
                    () -> registration.ledger(election, null, wrong)).field().orElseThrow());
        }
        assertEquals("before", assertThrows(InvalidInputException.class,
                () -> registration.ledger(election, 0L, 10)).field().orElseThrow());
    }

    @Test
    void everyKindOfQueryIsAnsweredByAnIndex() throws Exception {
        UUID election = open(EnumSet.of(Factor.EMAIL));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // a roll of some size, so that the planner has a choice to make (the search's rows are made as it reads them)
            s.executeUpdate("INSERT INTO registration.registrant (id, election_id, first_name, last_name, phone_e164, email,"
                    + " email_normalized, language, charter_version, privacy_version, resume_token_hash, status,"
                    + " registered_at) SELECT gen_random_uuid()::text, '" + election + "', 'Prénom' || i, 'Nom' || i,"
                    + " '+336' || lpad(i::text, 8, '0'), 'p' || i || '@example.org', 'p' || i || '@example.org', 'fr', '1',"
                    + " '1', md5(random()::text || i) || md5(i::text || random()::text), 'PENDING', now()"
                    + " FROM generate_series(1, 3000) i");
            s.execute("ANALYZE registration.registrant");
            s.execute("SET enable_seqscan = off");
            java.util.Map<String, String> indexes = java.util.Map.of(
                    "reverse(phone_e164) LIKE '21%'", "registrant_phone_suffix_idx",
                    "lower(email) LIKE 'p12%'", "registrant_email_prefix_idx",
                    "registration.fold(last_name) LIKE registration.fold('NÔM12%')", "registrant_last_name_folded_idx",
                    "help_code = 'ABCDEFGH0'", "registrant_help_code_once");
            for (java.util.Map.Entry<String, String> expected : indexes.entrySet()) {
                String condition = expected.getKey();
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = s.executeQuery("EXPLAIN SELECT id FROM registration.registrant WHERE election_id = '"
                        + election + "' AND " + condition)) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                assertTrue(plan.toString().contains(expected.getValue()), condition + " uses " + expected.getValue()
                        + ":\n" + plan);
                assertFalse(plan.toString().contains("Seq Scan"), condition + ":\n" + plan);
            }
        }
    }
}
