package org.openprimary.registration.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.EJB;
import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openprimary.notifications.boundary.Channel;

/**
 * Personal-data retention on Payara Micro against the real PostgreSQL: the purge after the
 * retention deadline (its moment given, as the application clock would), exactly once under
 * concurrent runs, the ledger's counts and chain unchanged, and nothing personal left in the tables.
 */
@ExtendWith(ArquillianExtension.class)
@DataSourceDefinition(name = "java:app/jdbc/openprimary",
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=openprimary.db.url}",
        user = "${MPCONFIG=openprimary.db.user}",
        password = "${MPCONFIG=openprimary.db.password}")
class RetentionContainerTest {

    @Deployment
    static WebArchive deployment() {
        JavaArchive registration = ShrinkWrap.create(JavaArchive.class, "openprimary-registration.jar")
                .addPackages(true, "org.openprimary.registration")
                .deleteClass(RetentionContainerTest.class)
                .deleteClass(RegistrationServiceContainerTest.class)
                .deleteClass(SupportServiceContainerTest.class)
                .deleteClass(RollSearchContainerTest.class)
                .addAsManifestResource("META-INF/persistence.xml", "persistence.xml")
                .addAsManifestResource("META-INF/beans.xml", "beans.xml")
                .addAsResource(new File("src/main/resources/db/migration/registration"), "db/migration/registration")
                .addAsResource("disposable-email-domains.txt");
        File[] libraries = new File("target/test-libs").listFiles((dir, name) -> name.endsWith(".jar"));
        return ShrinkWrap.create(WebArchive.class, "retention-test.war")
                .addClass(RetentionContainerTest.class)
                .addAsLibraries(registration)
                .addAsLibraries(libraries);
    }

    @EJB
    RegistrationService registration;

    @EJB
    RetentionService retention;

    @EJB
    SupportService support;

    @EJB
    RegistrantContacts contacts;

    @jakarta.annotation.Resource(lookup = "java:app/jdbc/openprimary")
    javax.sql.DataSource dataSource;

    private UUID open() {
        UUID election = UUID.randomUUID();
        registration.openRegistration(new RegistrationTerms(election, "Primaire test", Instant.now(),
                EnumSet.of(Factor.PHONE), List.of("FR"), RollMode.OPEN));
        return election;
    }

    private RegistrationStatus register(UUID election, String first, String last, String phone, String email) {
        return registration.register(election, new NewRegistrant(first, last, phone, email, "c-1", "p-1", "fr"));
    }

    private void verify(RegistrationStatus registered, String maskedPhone) {
        String code = registration.consoleCodes(200).stream()
                .filter(c -> c.phone().equals(maskedPhone) && !c.used()).findFirst().orElseThrow().code();
        registration.verifyPhone(UUID.fromString(registered.id()), registered.resumeToken(), code);
    }

    private static Instant yearsLater(Instant at, int years) {
        return at.atZone(ZoneOffset.UTC).plusYears(years).toInstant();
    }

    private long count(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void personalDataArePurgedOnceAfterTheRetentionDeadlineLeavingTheLedgersCounts() throws Exception {
        UUID election = open();
        RegistrationStatus camille = register(election, "Camille", "Durand", "0612340701", "camille.durand@example.org");
        RegistrationStatus yves = register(election, "Yves", "Martin", "0612340702", "yves.martin@example.org");
        register(election, "Zoé", "Bernard", "0612340703", null);
        verify(camille, "+33*******01");
        verify(yves, "+33*******02");
        support.addNote(camille.helpCode(), "rappelle demain pour son code", "operator-1");
        registration.closeRegistration(election, Instant.now());
        Instant result = Instant.now().truncatedTo(ChronoUnit.MICROS);
        registration.resultPublished(election, result);
        RollCounts before = registration.counts(election, null);
        assertEquals(3, before.registrants());
        assertEquals(2, before.onRoll());
        assertEquals(yearsLater(result, 2), retention.deadline(election).orElseThrow(), "default: two years");

        PurgeReport early = retention.purgeDue(yearsLater(result, 2).minus(1, ChronoUnit.DAYS));
        assertFalse(early.electionsPurged().contains(election.toString()), "the deadline has not passed");
        assertEquals(3, count("SELECT count(*) FROM registration.registrant WHERE election_id = ?", election.toString()));

        PurgeReport due = retention.purgeDue(yearsLater(result, 2).plus(1, ChronoUnit.HOURS));

        assertTrue(due.electionsPurged().contains(election.toString()));
        assertTrue(retention.purgedAt(election).isPresent());
        // nothing personal is left: no registrant, no note, no demo code of their phones
        assertEquals(0, count("SELECT count(*) FROM registration.registrant WHERE election_id = ?", election.toString()));
        assertEquals(0, count("SELECT count(*) FROM registration.call_note WHERE text LIKE 'rappelle demain%'"));
        assertEquals(0, count("SELECT count(*) FROM registration.console_code WHERE phone_e164 LIKE '+3361234070_'"));
        assertEquals(0, count("SELECT count(*) FROM registration.registrant WHERE help_code = ?",
                camille.helpCode().replace("-", "")));
        // the ledger holds no identity, and still counts and verifies
        assertEquals(0, count("SELECT count(*) FROM registration.roll_ledger WHERE election_id = ? AND (detail LIKE '%@%'"
                + " OR detail ~ '[0-9]{6}' OR detail ILIKE '%camille%' OR detail ILIKE '%durand%')", election.toString()));
        RollCounts after = registration.counts(election, null);
        assertEquals(before.registrants(), after.registrants());
        assertEquals(before.onRoll(), after.onRoll());
        assertEquals(2, registration.rollSize(election));
        assertTrue(retention.ledgerVerifies(election));
        List<LedgerEntryView> ledger = registration.ledger(election);
        assertEquals("PERSONAL_DATA_PURGED", ledger.get(ledger.size() - 1).kind());

        PurgeReport again = retention.purgeDue(yearsLater(result, 3));
        assertFalse(again.electionsPurged().contains(election.toString()), "a purged election is not purged again");
        assertEquals(ledger.size(), registration.ledger(election).size(), "and its ledger says it once");
    }

    @Test
    void instancesPurgingAtOnceEraseEachElectionExactlyOnce() throws Exception {
        UUID election = open();
        for (int i = 0; i < 5; i++) {
            register(election, "Léa", "Petit", "06123408" + (10 + i), null);
        }
        registration.closeRegistration(election, Instant.now());
        Instant result = Instant.now().truncatedTo(ChronoUnit.MICROS);
        registration.resultPublished(election, result);
        Instant now = yearsLater(result, 2).plus(1, ChronoUnit.DAYS);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PurgeReport>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return retention.purgeDue(now);
                }));
            }
            start.countDown();
            long purgedBy = 0;
            for (Future<PurgeReport> run : runs) {
                purgedBy += run.get(120, TimeUnit.SECONDS).electionsPurged().stream()
                        .filter(election.toString()::equals).count();
            }
            assertEquals(1, purgedBy, "one run purged the election");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, count("SELECT count(*) FROM registration.registrant WHERE election_id = ?", election.toString()));
        assertEquals(1, count("SELECT count(*) FROM registration.roll_ledger WHERE election_id = ?"
                + " AND kind = 'PERSONAL_DATA_PURGED'", election.toString()));
        assertEquals(5, registration.counts(election, null).registrants());
        assertTrue(retention.ledgerVerifies(election));
    }

    @Test
    void aWithdrawalAfterTheSealIsRecordedKeepsTheRollAndTheDataGoWithThePurge() throws Exception {
        UUID election = open();
        RegistrationStatus ines = register(election, "Inès", "Roux", "0612340901", "ines.roux@example.org");
        register(election, "Paul", "Roux", "0612340902", null);
        verify(ines, "+33*******01");
        UUID id = UUID.fromString(ines.id());
        registration.closeRegistration(election, Instant.now());
        assertEquals(1, contacts.count(election, ContactGroup.ON_ROLL, Channel.SMS));

        WithdrawalView asked = registration.withdraw(id, ines.resumeToken());

        assertFalse(asked.erased());
        assertNotNull(asked.requestedAt());
        assertNull(asked.erasedBy(), "no result yet: the deadline is not known");
        assertEquals("P2Y", asked.retention());
        assertTrue(asked.message().contains("retention deadline"), asked.message());
        assertEquals(asked.requestedAt(), registration.personalData(id, ines.resumeToken()).erasureRequestedAt());
        assertEquals(asked.requestedAt(), registration.status(id, ines.resumeToken()).erasureRequestedAt(),
                "the registration's status says the request is recorded, for the my-registration page");
        assertEquals(1, registration.counts(election, null).onRoll(), "the sealed roll does not change");
        assertEquals(0, contacts.count(election, ContactGroup.ON_ROLL, Channel.SMS), "no more campaign messages");

        Instant result = Instant.now().truncatedTo(ChronoUnit.MICROS);
        registration.resultPublished(election, result);
        WithdrawalView again = registration.withdraw(id, ines.resumeToken());
        assertEquals(asked.requestedAt(), again.requestedAt(), "the first request stands");
        assertEquals(yearsLater(result, 2), again.erasedBy());

        retention.purgeDue(yearsLater(result, 2).plus(1, ChronoUnit.MINUTES));
        assertEquals(0, count("SELECT count(*) FROM registration.registrant WHERE election_id = ?", election.toString()));
        assertTrue(retention.ledgerVerifies(election));
    }
}
