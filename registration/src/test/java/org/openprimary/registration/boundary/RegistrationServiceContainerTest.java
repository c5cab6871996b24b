package org.openprimary.registration.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.EJB;
import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.TooManyRequestsException;

/**
 * The registration journey on Payara Micro against the real PostgreSQL, with the console stand-in
 * for phone codes: what only the container and the database show (transactions, constraints
 * under concurrency, the ledger).
 */
@ExtendWith(ArquillianExtension.class)
@DataSourceDefinition(name = "java:app/jdbc/openprimary", // in the EAR, application.xml declares it
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=openprimary.db.url}",
        user = "${MPCONFIG=openprimary.db.user}",
        password = "${MPCONFIG=openprimary.db.password}")
class RegistrationServiceContainerTest {

    @Deployment
    static WebArchive deployment() {
        JavaArchive registration = ShrinkWrap.create(JavaArchive.class, "openprimary-registration.jar")
                .addPackages(true, "org.openprimary.registration")
                .deleteClass(RegistrationServiceContainerTest.class)
                .deleteClass(RetentionContainerTest.class)
                .deleteClass(SupportServiceContainerTest.class)
                .deleteClass(RollSearchContainerTest.class)
                .addAsManifestResource("META-INF/persistence.xml", "persistence.xml")
                .addAsManifestResource("META-INF/beans.xml", "beans.xml")
                .addAsResource(new File("src/main/resources/db/migration/registration"), "db/migration/registration")
                .addAsResource("disposable-email-domains.txt");
        File[] libraries = new File("target/test-libs").listFiles((dir, name) -> name.endsWith(".jar"));
        return ShrinkWrap.create(WebArchive.class, "registration-test.war")
                .addClass(RegistrationServiceContainerTest.class)
                .addAsLibraries(registration)
                .addAsLibraries(libraries);
    }

    @EJB
    RegistrationService registration;

    @EJB
    VotingCodeDelivery codeDelivery;

    @EJB
    SupportService support;

    @EJB
    org.openprimary.notifications.boundary.NotificationService notifications;

    @jakarta.annotation.Resource(lookup = "java:app/jdbc/openprimary")
    javax.sql.DataSource dataSource;

    private UUID open(Set<Factor> factors) {
        return open(factors, RollMode.OPEN);
    }

    private UUID open(Set<Factor> factors, RollMode mode) {
        UUID election = UUID.randomUUID();
        registration.openRegistration(new RegistrationTerms(election, "Primaire test", Instant.now(), factors,
                List.of("FR", "GP", "MQ", "GF", "RE", "YT"), mode));
        return election;
    }

    private static NewRegistrant citizen(String phone, String email) {
        return new NewRegistrant("Camille", "Durand", phone, email, "charter-1", "privacy-1", "fr");
    }

    private String codeFor(String maskedPhone) {
        return registration.consoleCodes(200).stream()
                .filter(code -> code.phone().equals(maskedPhone) && !code.used())
                .findFirst().orElseThrow().code();
    }

    @Test
    void aCitizenWithoutAMobileRegistersWithALandlineWhenTheElectionAcceptsItAndHearsTheCode() {
        UUID refusing = open(EnumSet.of(Factor.PHONE));
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> registration.register(refusing, citizen("01 42 68 53 07", null)));
        assertEquals("phone", refused.field().orElseThrow());
        assertEquals(0, registration.counts(refusing, null).registrants(), "a refused step changes nothing");

        UUID election = UUID.randomUUID();
        registration.openRegistration(new RegistrationTerms(election, "Primaire test", Instant.now(),
                EnumSet.of(Factor.PHONE), List.of("FR"), RollMode.OPEN, true));
        RegistrationStatus registered = registration.register(election, citizen("01 42 68 53 07", null));
        UUID id = UUID.fromString(registered.id());
        ConsoleCodeView sent = registration.consoleCodes(200).stream()
                .filter(code -> code.phone().equals("+33*******07") && !code.used()).findFirst().orElseThrow();
        assertEquals("call", sent.channel(), "a landline cannot receive an SMS: its code is spoken");

        registration.sendPhoneCode(id, registered.resumeToken(), "sms");
        assertTrue(registration.consoleCodes(200).stream().filter(code -> code.phone().equals("+33*******07"))
                .allMatch(code -> code.channel().equals("call")), "even when an SMS is asked");
        RegistrationStatus verified = registration.verifyPhone(id, registered.resumeToken(), codeFor("+33*******07"));
        assertEquals("ON_ROLL", verified.status());

        assertThrows(ConflictException.class, () -> registration.register(election, citizen("+33 1 42 68 53 07", null)),
                "the landline is once per roll, like a mobile");
        assertEquals(1, registration.counts(election, null).registrants());
    }

    @Test
    void aRegistrationThatSawTheWindowOpenBeforeTheCloseAddsNothingToTheFrozenRoll() throws Exception {
        UUID election = open(EnumSet.of(Factor.CARD));
        String address = "198.51.100." + (1 + new java.security.SecureRandom().nextInt(250));
        registration.register(election, citizen(null, null), address); // its address's bucket row exists now
        ExecutorService late = Executors.newSingleThreadExecutor();
        try (java.sql.Connection holder = dataSource.getConnection();
                java.sql.Connection watcher = dataSource.getConnection()) {
            // Holding the limiter's rows stops the next registration after its "is it open?" and before
            // its insert: the moment a close can slip in between.
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT id FROM registration.rate_limit FOR UPDATE");
            Future<RegistrationStatus> inFlight = late.submit(() ->
                    registration.register(election, citizen(null, null), address));
            waitUntilALockIsAwaitedOn(watcher, "rate_limit");
            RollCommitment frozen = registration.closeRegistration(election, Instant.now());
            holder.rollback();

            java.util.concurrent.ExecutionException refused = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> inFlight.get(30, TimeUnit.SECONDS));
            ConflictException conflict = org.junit.jupiter.api.Assertions.assertInstanceOf(ConflictException.class,
                    refused.getCause());
            assertEquals("electionId", conflict.field().orElseThrow());
            assertEquals("the registration of this election is closed", conflict.reason());
            List<String> kinds = registration.ledger(election).stream().map(LedgerEntryView::kind).toList();
            assertEquals("REGISTRATION_CLOSED", kinds.get(kinds.size() - 1),
                    "nothing follows the close in the ledger: " + kinds);
            assertEquals(frozen.ledgerEntries(), kinds.size(), "the seal's ledger head is still the last entry");
            assertEquals(1, registration.counts(election, null).registrants(), "the late registration left no row");
            try (java.sql.PreparedStatement rows = watcher.prepareStatement(
                    "SELECT count(*) FROM registration.registrant WHERE election_id = ?")) {
                rows.setString(1, election.toString());
                try (java.sql.ResultSet count = rows.executeQuery()) {
                    count.next();
                    assertEquals(1, count.getLong(1), "no registrant without its ledger entry");
                }
            }
        } finally {
            late.shutdownNow();
        }
    }

    /** Waits until a session of this database waits for a lock while running a statement on the table. */
    private static void waitUntilALockIsAwaitedOn(java.sql.Connection watcher, String table) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            try (java.sql.PreparedStatement waiting = watcher.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE ?")) {
                waiting.setString(1, "%" + table + "%");
                try (java.sql.ResultSet count = waiting.executeQuery()) {
                    count.next();
                    if (count.getLong(1) > 0) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nobody waited for a lock on " + table);
    }

    @Test
    void aCitizenRegistersVerifiesTheirPhoneAndIsOnTheRoll() {
        UUID election = open(EnumSet.of(Factor.PHONE));
        RegistrationStatus registered = registration.register(election, citizen("06 12 34 56 01", null));
        assertEquals("PENDING", registered.status());
        assertEquals(List.of("PHONE"), registered.requiredFactors());
        assertTrue(registered.resumeToken().length() >= 40);
        UUID id = UUID.fromString(registered.id());

        assertThrows(InvalidInputException.class,
                () -> registration.verifyPhone(id, registered.resumeToken(), "000000".equals(codeFor("+33*******01"))
                        ? "111111" : "000000"));
        RegistrationStatus verified = registration.verifyPhone(id, registered.resumeToken(), codeFor("+33*******01"));

        assertEquals("ON_ROLL", verified.status());
        assertEquals(List.of("PHONE"), verified.verifiedFactors());
        assertNull(verified.resumeToken(), "the token is shown once");
        RollCounts counts = registration.counts(election, null);
        assertEquals(1, counts.registrants());
        assertEquals(1, counts.onRoll());
        assertEquals(List.of("REGISTRATION_OPENED", "REGISTERED", "FACTOR_VERIFIED", "ADDED_TO_ROLL"),
                registration.ledger(election).stream().map(LedgerEntryView::kind).toList());
        assertEquals(1, registration.rollSize(election));
    }

    @Test
    void theResumeTokenIsNeededForEveryStep() {
        UUID election = open(EnumSet.of(Factor.PHONE));
        RegistrationStatus registered = registration.register(election, citizen("0612345602", null));
        UUID id = UUID.fromString(registered.id());
        assertThrows(org.openprimary.common.NotFoundException.class, () -> registration.status(id, "forged"));
        assertThrows(org.openprimary.common.NotFoundException.class, () -> registration.status(id, null));
        assertEquals("PENDING", registration.status(id, registered.resumeToken()).status());
    }

    @Test
    void theSamePhoneOrMailboxCannotBeOnARollTwice() {
        UUID election = open(EnumSet.of(Factor.PHONE, Factor.EMAIL));
        registration.register(election, citizen("+33 6 12 34 56 03", "camille.durand@gmail.com"));

        ConflictException samePhone = assertThrows(ConflictException.class,
                () -> registration.register(election, citizen("0612345603", "autre@example.org")));
        ConflictException sameMailbox = assertThrows(ConflictException.class,
                () -> registration.register(election, citizen("0612345604", "CamilleDurand+primaire@gmail.com")));

        assertEquals(samePhone.reason(), sameMailbox.reason(), "the refusal says nothing about which detail");
        assertFalse(samePhone.reason().contains("0612345603"));
        RollCounts counts = registration.counts(election, null);
        assertEquals(1, counts.registrants());
        Map<String, Long> changes = registration.changes(election, Instant.parse("2000-01-01T00:00:00Z"),
                Instant.now().plusSeconds(1)).entriesByKind();
        assertEquals(2L, changes.get("REFUSED_DUPLICATE"));
        assertEquals(1L, changes.get("REGISTERED"));
    }

    @Test
    void concurrentRegistrationsWithOnePhoneLeaveExactlyOneRegistrant() throws Exception {
        UUID election = open(EnumSet.of(Factor.PHONE));
        int attempts = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    registration.register(election, citizen("0612345605", null));
                    return true;
                } catch (ConflictException e) {
                    return false;
                }
            }));
        }
        start.countDown();
        int accepted = 0;
        for (Future<Boolean> outcome : outcomes) {
            if (outcome.get(60, TimeUnit.SECONDS)) {
                accepted++;
            }
        }
        pool.shutdown();
        assertEquals(1, accepted);
        assertEquals(1, registration.counts(election, null).registrants());
        Map<String, Long> changes = registration.changes(election, Instant.parse("2000-01-01T00:00:00Z"),
                Instant.now().plusSeconds(1)).entriesByKind();
        assertEquals(attempts - 1L, changes.get("REFUSED_DUPLICATE"), "every refusal is in the ledger");
    }

    @Test
    void aRefusedDuplicateIsAnAnswerNotAFailureWrittenToTheLog() {
        UUID election = open(EnumSet.of(Factor.PHONE));
        registration.register(election, citizen("0698765401", null));
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    logged.add(record.getLoggerName() + ": " + record.getMessage()
                            + (record.getThrown() == null ? "" : " (" + record.getThrown() + ")"));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            assertThrows(ConflictException.class, () -> registration.register(election, citizen("06 98 76 54 01", null)));
        } finally {
            root.removeHandler(capture);
        }
        // issue 5's races drill: each refused duplicate logged some 40 KB of stack traces
        assertEquals(List.of(), logged, "a duplicate refused by the database is answered 409 and logs no failure");
        assertEquals(1, registration.counts(election, null).registrants());
    }

    @Test
    void concurrentRegistrationsOfDifferentCitizensAllSucceed() throws Exception {
        UUID election = open(EnumSet.of(Factor.CARD));
        int citizens = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(citizens);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < citizens; i++) {
            int n = i;
            outcomes.add(pool.submit(() -> {
                start.await();
                return registerWithCard(election, "4000 0000 0000 " + String.format("%04d", n), false).status();
            }));
        }
        start.countDown();
        for (Future<String> outcome : outcomes) {
            assertEquals("ON_ROLL", outcome.get(60, TimeUnit.SECONDS), "no registration is lost to a lock conflict");
        }
        pool.shutdown();
        RollCounts counts = registration.counts(election, null);
        assertEquals(citizens, counts.registrants());
        assertEquals(citizens, counts.onRoll());
        assertEquals(1 + 3L * citizens, counts.ledgerEntries(), "opened, then registered, verified, on the roll each");
    }

    @Test
    void twoHundredRacingRegistrationsLeaveOneUnbrokenChainWhoseCountsAreTheRows() throws Exception {
        UUID election = open(EnumSet.of(Factor.CARD));
        int citizens = 200;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < citizens; i++) {
            int n = i;
            outcomes.add(pool.submit(() -> {
                start.await();
                // a reader now and then, chaining while others record
                return registerWithCard(election, "4000 0001 0000 " + String.format("%04d", n), n % 20 == 0).status();
            }));
        }
        start.countDown();
        for (Future<String> outcome : outcomes) {
            assertEquals("ON_ROLL", outcome.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();

        RollCounts counts = registration.counts(election, null);
        List<LedgerEntryView> entries = registration.ledger(election);
        assertEquals(1 + 3L * citizens, entries.size(), "every event has its entry, none twice");
        String previous = "0".repeat(64);
        Instant previousTime = Instant.EPOCH;
        long registrants = 0;
        long onRoll = 0;
        Map<String, Long> kinds = new java.util.TreeMap<>();
        for (int i = 0; i < entries.size(); i++) {
            LedgerEntryView entry = entries.get(i);
            assertEquals(i + 1, entry.seq(), "numbered without a gap");
            assertEquals(previous, entry.prevHash(), "entry " + entry.seq() + " links to the one before");
            assertEquals(sha256(String.join("\n", entry.prevHash(), election.toString(), Long.toString(entry.seq()),
                    entry.kind(), entry.detail(), entry.recordedAt().toString(), Long.toString(entry.rollSize()))
                    + "\n" + entry.registrants()), entry.hash(), "entry " + entry.seq() + "'s hash is its content's");
            assertFalse(entry.recordedAt().isBefore(previousTime), "the ledger's times never go back");
            registrants += entry.kind().equals("REGISTERED") ? 1 : 0;
            onRoll += entry.kind().equals("ADDED_TO_ROLL") ? 1 : 0;
            assertEquals(registrants, entry.registrants(), "entry " + entry.seq() + " counts the registrants before it");
            assertEquals(onRoll, entry.rollSize(), "entry " + entry.seq() + " counts the roll before it");
            kinds.merge(entry.kind(), 1L, Long::sum);
            previous = entry.hash();
            previousTime = entry.recordedAt();
        }
        assertEquals(Map.of("REGISTRATION_OPENED", 1L, "REGISTERED", (long) citizens, "FACTOR_VERIFIED", (long) citizens,
                "ADDED_TO_ROLL", (long) citizens), kinds);
        assertEquals(citizens, counts.registrants());
        assertEquals(citizens, counts.onRoll());
        assertEquals(previous, counts.ledgerHead(), "the counts name the chain's head");
        assertEquals(citizens, rows("SELECT count(*) FROM registration.registrant WHERE election_id = ?"
                + " AND status = 'ON_ROLL'", election), "the ledger's roll is the registrants' table's");
        assertEquals(0, rows("SELECT count(*) FROM registration.roll_ledger_intake WHERE election_id = ?", election),
                "nothing is left pending once read");
    }

    @Test
    void theCloseChainsWhatIsPendingSoTheFrozenRollsLedgerIsWhole() throws Exception {
        UUID election = open(EnumSet.of(Factor.CARD));
        for (int i = 0; i < 3; i++) {
            registerWithCard(election, "4000 0003 0000 000" + i, false);
        }
        // no read in between: what the three registrations recorded is (most likely) still pending here
        RollCommitment frozen = registration.closeRegistration(election, Instant.now());
        assertEquals(3, frozen.rollSize(), "the commitment counts every registration committed before the close");
        assertEquals(1 + 9 + 1, frozen.ledgerEntries(), "opened, three times three events, closed");
        assertEquals(0, rows("SELECT count(*) FROM registration.roll_ledger_intake WHERE election_id = ?", election),
                "nothing is pending after the close");
        List<LedgerEntryView> entries = registration.ledger(election);
        assertEquals("REGISTRATION_CLOSED", entries.get(entries.size() - 1).kind());
        assertEquals(frozen.ledgerHead(), entries.get(entries.size() - 1).hash(), "the seal's head is the chain's");
        ConflictException late = assertThrows(ConflictException.class,
                () -> registration.register(election, citizen(null, null)));
        assertEquals("electionId", late.field().orElseThrow());
        assertEquals(11, registration.ledger(election).size(), "a refusal after the close adds nothing");
    }

    @Test
    void whatARegistrationRecordsIsChainedByTheTimerWithoutAnyRead() throws Exception {
        UUID election = open(EnumSet.of(Factor.CARD));
        registration.register(election, citizen(null, null));
        Instant deadline = Instant.now().plusSeconds(20);
        while (rows("SELECT count(*) FROM registration.roll_ledger_intake WHERE election_id = ?", election) > 0) {
            assertTrue(Instant.now().isBefore(deadline), "the timer chains what is pending within seconds");
            Thread.sleep(100);
        }
        assertEquals(1, rows("SELECT count(*) FROM registration.roll_ledger WHERE election_id = ? AND seq = 2"
                + " AND kind = 'REGISTERED' AND registrants = 1", election), "the registration is the ledger's second entry");
    }

    @Test
    void aPendingRegistrationIsCountedAtOnceAndTheRollSizeNeedsNoChaining() {
        UUID election = open(EnumSet.of(Factor.CARD));
        registerWithCard(election, "4000 0002 0000 0001", false);
        assertEquals(1, registration.rollSize(election), "on the roll the moment the card is verified");
        RollCounts counts = registration.counts(election, null);
        assertEquals(1, counts.registrants());
        assertEquals(1, counts.onRoll());
        assertEquals(4, counts.ledgerEntries());
    }

    /** Registers a citizen with the demo card {@code card} (reading the counts in between when asked). */
    private RegistrationStatus registerWithCard(UUID election, String card, boolean readCountsMidway) {
        RegistrationStatus registered = registration.register(election, citizen(null, null));
        UUID id = UUID.fromString(registered.id());
        if (readCountsMidway) {
            registration.counts(election, null);
        }
        CardSetupView setup = registration.startCardSetup(id, registered.resumeToken(), null);
        return registration.verifyCard(id, registered.resumeToken(), setup.setupId(), card);
    }

    private long rows(String sql, UUID election) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, election.toString());
            try (java.sql.ResultSet count = query.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    private static String sha256(String text) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void aNumberGetsAtMostFiveCodesInTenMinutes() {
        UUID election = open(EnumSet.of(Factor.PHONE));
        RegistrationStatus registered = registration.register(election, citizen("0612345606", null));
        UUID id = UUID.fromString(registered.id());
        for (int i = 0; i < 4; i++) {
            registration.sendPhoneCode(id, registered.resumeToken(), i % 2 == 0 ? "sms" : "call");
        }
        TooManyRequestsException limited = assertThrows(TooManyRequestsException.class,
                () -> registration.sendPhoneCode(id, registered.resumeToken(), "sms"));
        assertTrue(limited.retryAfter().toMinutes() <= 10 && !limited.retryAfter().isZero());
    }

    /**
     * Card testing (drill 6): each card setup lets the page try a card with the provider, so setups are
     * limited per registrant (5 an hour) and per client address (60 an hour), in PostgreSQL for every
     * instance; the refusals name the field and say when to retry.
     */
    @Test
    void cardTestingStopsAtFiveSetupsPerRegistrantAndSixtyPerAddress() {
        UUID election = open(EnumSet.of(Factor.CARD));
        String address = "198.51.100." + (1 + new java.security.SecureRandom().nextInt(254));
        RegistrationStatus tester = registration.register(election, citizen(null, null));
        UUID testerId = UUID.fromString(tester.id());
        for (int i = 0; i < 5; i++) {
            registration.startCardSetup(testerId, tester.resumeToken(), address);
        }
        TooManyRequestsException perRegistrant = assertThrows(TooManyRequestsException.class,
                () -> registration.startCardSetup(testerId, tester.resumeToken(), "203.0.113.7"));
        assertEquals(java.util.Optional.of("card"), perRegistrant.field(), "the registrant's own budget, from anywhere");
        assertTrue(!perRegistrant.retryAfter().isZero() && perRegistrant.retryAfter().toMinutes() <= 60);

        for (int r = 0; r < 11; r++) { // 5 + 11 × 5 = 60 setups from the address
            RegistrationStatus other = registration.register(election, citizen(null, null));
            for (int i = 0; i < 5; i++) {
                registration.startCardSetup(UUID.fromString(other.id()), other.resumeToken(), address);
            }
        }
        RegistrationStatus next = registration.register(election, citizen(null, null));
        UUID nextId = UUID.fromString(next.id());
        TooManyRequestsException perAddress = assertThrows(TooManyRequestsException.class,
                () -> registration.startCardSetup(nextId, next.resumeToken(), address));
        assertEquals(java.util.Optional.of("address"), perAddress.field());
        assertEquals("demo", registration.startCardSetup(nextId, next.resumeToken(), "203.0.113.8").provider(),
                "from another address the same registrant goes on");
    }

    @Test
    void aCardElectionsRegistrationStartsTheCardSetupUnlessTheAddressSpentItsBudget() {
        UUID election = open(EnumSet.of(Factor.CARD));
        String address = "198.51.100." + (1 + new java.security.SecureRandom().nextInt(254));
        RegistrationStatus registered = registration.register(election, citizen(null, null), address);
        CardSetupView setup = registered.cardSetup();
        assertEquals("demo", setup.provider(), "the card step's setup comes with the registration");
        RegistrationStatus onRoll = registration.verifyCard(UUID.fromString(registered.id()), registered.resumeToken(),
                setup.setupId(), "4000 0004 0000 0001");
        assertEquals("ON_ROLL", onRoll.status(), "no request of its own for the setup");
        assertNull(registration.status(UUID.fromString(registered.id()), registered.resumeToken()).cardSetup(),
                "given on registering only");
        assertNull(registration.register(open(EnumSet.of(Factor.EMAIL)), citizen(null, "camille.setup@example.org"),
                address).cardSetup(), "no card, no setup");

        String spent = "198.51.100." + (1 + new java.security.SecureRandom().nextInt(254));
        for (int r = 0; r < 12; r++) { // 12 × 5 = the 60 setups an address has in an hour
            RegistrationStatus other = registration.register(election, citizen(null, null));
            for (int i = 0; i < 5; i++) {
                registration.startCardSetup(UUID.fromString(other.id()), other.resumeToken(), spent);
            }
        }
        RegistrationStatus late = registration.register(election, citizen(null, null), spent);
        assertEquals("PENDING", late.status(), "the registration itself goes through");
        assertNull(late.cardSetup(), "the setup is left to the card step");
        TooManyRequestsException refused = assertThrows(TooManyRequestsException.class,
                () -> registration.startCardSetup(UUID.fromString(late.id()), late.resumeToken(), spent));
        assertEquals(java.util.Optional.of("address"), refused.field(), "where the citizen reads the refusal");
    }

    @Test
    void aCardImprintPutsARegistrantOnTheRollAndTheSameCardCannotServeTwice() throws Exception {
        UUID election = open(EnumSet.of(Factor.CARD));
        RegistrationStatus first = registration.register(election, citizen(null, null));
        UUID firstId = UUID.fromString(first.id());
        CardSetupView setup = registration.startCardSetup(firstId, first.resumeToken(), null);
        assertEquals("demo", setup.provider());

        assertThrows(InvalidInputException.class,
                () -> registration.verifyCard(firstId, first.resumeToken(), "seti_forged", "4242424242424242"));
        RegistrationStatus onRoll = registration.verifyCard(firstId, first.resumeToken(), setup.setupId(),
                "4242 4242 4242 4242");
        assertEquals("ON_ROLL", onRoll.status());

        RegistrationStatus second = registration.register(election, citizen(null, null));
        UUID secondId = UUID.fromString(second.id());
        CardSetupView secondSetup = registration.startCardSetup(secondId, second.resumeToken(), null);
        assertThrows(ConflictException.class, () -> registration.verifyCard(secondId, second.resumeToken(),
                secondSetup.setupId(), "4242-4242-4242-4242"));
        assertEquals("PENDING", registration.status(secondId, second.resumeToken()).status());
        assertEquals(1, registration.counts(election, null).onRoll());

        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.PreparedStatement query = c.prepareStatement(
                        "SELECT card_hash FROM registration.registrant WHERE id = ?")) {
            query.setString(1, firstId.toString());
            java.sql.ResultSet row = query.executeQuery();
            row.next();
            String kept = row.getString(1);
            assertEquals(64, kept.length(), "a keyed hash is kept");
            assertFalse(kept.contains("4242"), "never the card number");
        }
    }

    private UUID openWithFee(Set<Factor> factors, long cents) {
        UUID election = UUID.randomUUID();
        registration.openRegistration(new RegistrationTerms(election, "Primaire à 1 euro", Instant.now(), factors,
                List.of("FR"), RollMode.OPEN, false, cents, "EUR"));
        return election;
    }

    private long ledgerKinds(UUID election, String kind) {
        return registration.ledger(election).stream().filter(entry -> entry.kind().equals(kind)).count();
    }

    /**
     * Issue 8: with a participation fee, the factors are not enough; the registrant is on the roll
     * once the payment is recorded, and only a succeeded payment started for them, of the election's
     * amount, pays it; asking again records nothing twice.
     */
    @Test
    void withAFeeARegistrantIsOnTheRollOnlyOncePaidAndOnlyTheirOwnSucceededPaymentPays() throws Exception {
        UUID election = openWithFee(EnumSet.of(Factor.PHONE), 100);
        RegistrationStatus registered = registration.register(election, citizen("07 81 23 45 01", null));
        UUID id = UUID.fromString(registered.id());
        assertEquals(100, registered.feeCents());
        assertEquals("EUR", registered.feeCurrency());
        assertFalse(registered.feePaid());
        RegistrationStatus verified = registration.verifyPhone(id, registered.resumeToken(), codeFor("+33*******01"));
        assertEquals("PENDING", verified.status(), "the phone is verified, the fee is not paid");
        assertEquals(0, registration.counts(election, null).onRoll());

        FeePaymentView payment = registration.startFeePayment(id, registered.resumeToken(), null);
        assertEquals("demo", payment.provider());
        assertEquals(100, payment.amountCents());
        assertEquals("EUR", payment.currency());
        assertEquals(payment.paymentId(), registration.startFeePayment(id, registered.resumeToken(), null).paymentId(),
                "a second start gives the same payment back: nothing can be charged twice");

        RegistrationStatus other = registration.register(election, citizen("07 81 23 45 02", null));
        UUID otherId = UUID.fromString(other.id());
        FeePaymentView othersPayment = registration.startFeePayment(otherId, other.resumeToken(), null);
        InvalidInputException foreign = assertThrows(InvalidInputException.class, () -> registration.payFee(id,
                registered.resumeToken(), othersPayment.paymentId(), "4242 4242 4242 4242"));
        assertEquals("paymentId", foreign.field().orElseThrow());
        ConflictException declined = assertThrows(ConflictException.class, () -> registration.payFee(id,
                registered.resumeToken(), payment.paymentId(), "4000 0000 0000 0002"));
        assertEquals("paymentId", declined.field().orElseThrow());
        assertTrue(declined.reason().contains("did not go through"), declined.reason());
        InvalidInputException noCard = assertThrows(InvalidInputException.class,
                () -> registration.payFee(id, registered.resumeToken(), payment.paymentId(), null));
        assertEquals("demoCard", noCard.field().orElseThrow());
        assertEquals("PENDING", registration.status(id, registered.resumeToken()).status());
        assertEquals(0, ledgerKinds(election, "FEE_PAID"), "a refused payment leaves no trace in the counts");

        RegistrationStatus paid = registration.payFee(id, registered.resumeToken(), payment.paymentId(),
                "4242 4242 4242 4242");
        assertEquals("ON_ROLL", paid.status());
        assertTrue(paid.feePaid());
        assertEquals(1, registration.counts(election, null).onRoll());
        List<LedgerEntryView> ledger = registration.ledger(election);
        assertEquals("FEE_PAID", ledger.get(ledger.size() - 2).kind());
        assertEquals("fee paid: 100 EUR", ledger.get(ledger.size() - 2).detail());
        assertEquals("ADDED_TO_ROLL", ledger.get(ledger.size() - 1).kind());

        ConflictException again = assertThrows(ConflictException.class, () -> registration.payFee(id,
                registered.resumeToken(), payment.paymentId(), "4242 4242 4242 4242"));
        assertEquals("fee", again.field().orElseThrow());
        assertThrows(ConflictException.class, () -> registration.startFeePayment(id, registered.resumeToken(), null));
        assertEquals(1, ledgerKinds(election, "FEE_PAID"), "a retried confirmation is recorded once");
        FeeTotals totals = registration.feeTotals(election);
        assertEquals(1, totals.paid());
        assertEquals(100, totals.collectedCents());

        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.PreparedStatement query = c.prepareStatement("SELECT payment_id, amount_cents, currency,"
                        + " paid_at, registrant_id FROM registration.fee_payment WHERE election_id = ?")) {
            query.setString(1, election.toString());
            java.sql.ResultSet row = query.executeQuery();
            assertTrue(row.next());
            assertEquals(payment.paymentId(), row.getString(1));
            assertEquals(100, row.getLong(2));
            assertEquals("EUR", row.getString(3));
            assertEquals(id.toString(), row.getString(5));
            assertFalse(row.next(), "one payment recorded");
        }
        assertEquals(payment.paymentId(), registration.personalData(id, registered.resumeToken()).feePaymentId());
    }

    /** A registrant who pays first joins the roll with their last factor; withdrawing makes the fee a refund due. */
    @Test
    void aFeePaidBeforeTheLastFactorCountsThenAWithdrawalBeforeTheSealMakesItARefundDue() throws Exception {
        UUID election = openWithFee(EnumSet.of(Factor.PHONE), 150);
        RegistrationStatus registered = registration.register(election, citizen("07 81 23 45 03", null));
        UUID id = UUID.fromString(registered.id());
        FeePaymentView payment = registration.startFeePayment(id, registered.resumeToken(), "198.51.100.20");
        assertEquals("PENDING", registration.payFee(id, registered.resumeToken(), payment.paymentId(),
                "4000 0025 0000 3155").status(), "paid, the phone still to verify");
        assertEquals("ON_ROLL", registration.verifyPhone(id, registered.resumeToken(), codeFor("+33*******03")).status());

        registration.withdraw(id, registered.resumeToken());

        List<LedgerEntryView> ledger = registration.ledger(election);
        assertEquals("WITHDRAWN_FROM_ROLL", ledger.get(ledger.size() - 2).kind());
        assertEquals("FEE_REFUND_DUE", ledger.get(ledger.size() - 1).kind());
        assertEquals("fee to refund: 150 EUR", ledger.get(ledger.size() - 1).detail());
        FeeTotals totals = registration.feeTotals(election);
        assertEquals(1, totals.paid());
        assertEquals(1, totals.refundsDue());
        assertEquals(0, totals.collectedCents());
        List<RegistrationService.RefundDue> refunds = registration.refundsDue(election);
        assertEquals(1, refunds.size());
        assertEquals(payment.paymentId(), refunds.get(0).paymentId());
        assertEquals(150, refunds.get(0).amountCents());
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.PreparedStatement query = c.prepareStatement(
                        "SELECT registrant_id FROM registration.fee_payment WHERE payment_id = ?")) {
            query.setString(1, payment.paymentId());
            java.sql.ResultSet row = query.executeQuery();
            assertTrue(row.next(), "the accounting record outlives the registrant's data");
            assertNull(row.getString(1), "without the registrant");
        }
    }

    /** Without a fee there is no fee step, and the payment starts are rate limited like card setups. */
    @Test
    void noFeeNoPaymentAndPaymentStartsAreLimitedPerRegistrant() {
        UUID free = open(EnumSet.of(Factor.PHONE));
        RegistrationStatus citizenOfFree = registration.register(free, citizen("07 81 23 45 04", null));
        assertEquals(0, citizenOfFree.feeCents());
        ConflictException none = assertThrows(ConflictException.class, () -> registration.startFeePayment(
                UUID.fromString(citizenOfFree.id()), citizenOfFree.resumeToken(), null));
        assertEquals("fee", none.field().orElseThrow());

        UUID election = openWithFee(EnumSet.of(Factor.PHONE), 100);
        RegistrationStatus payer = registration.register(election, citizen("07 81 23 45 05", null));
        UUID payerId = UUID.fromString(payer.id());
        for (int i = 0; i < 5; i++) {
            registration.startFeePayment(payerId, payer.resumeToken(), null);
        }
        TooManyRequestsException limited = assertThrows(TooManyRequestsException.class,
                () -> registration.startFeePayment(payerId, payer.resumeToken(), null));
        assertEquals("fee", limited.field().orElseThrow());
        assertThrows(org.openprimary.common.NotFoundException.class,
                () -> registration.startFeePayment(payerId, "not-the-token", null), "the token first");
    }

    @Test
    void aRegistrantDownloadsTheirDataAndWithdrawingErasesThemAndIsCounted() {
        UUID election = open(EnumSet.of(Factor.PHONE));
        RegistrationStatus registered = registration.register(election,
                new NewRegistrant("Élise", "Moreau", "0612345608", "elise@example.org", "c-2", "p-3", "en"));
        UUID id = UUID.fromString(registered.id());
        registration.verifyPhone(id, registered.resumeToken(), codeFor("+33*******08"));

        PersonalData data = registration.personalData(id, registered.resumeToken());
        assertEquals("Élise", data.firstName());
        assertEquals("+33612345608", data.phone());
        assertEquals("elise@example.org", data.email());
        assertEquals("c-2", data.charterVersionAccepted());
        assertEquals("p-3", data.privacyNoticeVersionAccepted());
        assertEquals("ON_ROLL", data.status());
        assertFalse(data.cardFingerprintHashKept());

        registration.withdraw(id, registered.resumeToken());

        assertThrows(org.openprimary.common.NotFoundException.class,
                () -> registration.personalData(id, registered.resumeToken()));
        assertTrue(registration.consoleCodes(200).stream().noneMatch(code -> code.phone().equals("+33*******08")));
        RollCounts counts = registration.counts(election, null);
        assertEquals(0, counts.registrants());
        assertEquals(0, counts.onRoll());
        List<LedgerEntryView> ledger = registration.ledger(election);
        assertEquals("WITHDRAWN_FROM_ROLL", ledger.get(ledger.size() - 1).kind());
        assertEquals("PENDING", registration.register(election, citizen("0612345608", null)).status(),
                "the number is free again");
    }

    @Test
    void aVoterWithoutAPhoneGetsTheVotingCodeByEmailOnceAndWrongTriesAreBounded() {
        UUID election = open(EnumSet.of(Factor.EMAIL));
        RegistrationStatus registered = registration.register(election, citizen(null, "votant@example.org"));
        UUID id = UUID.fromString(registered.id());
        notifications.dispatchNow();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("verify-email\\.html#r=[0-9a-f-]{36}&t=(\\S+)")
                .matcher(notifications.outbox(500).stream().filter(m -> m.recipient().equals("votant@example.org")
                        && m.template().equals("registration.email-link")).findFirst().orElseThrow().text());
        assertTrue(link.find());
        registration.verifyEmail(id, link.group(1));

        assertEquals(new VotingCodeDelivery.State("none", "none"), codeDelivery.of(id), "no code asked for yet");
        assertEquals("email", registration.sendVotingCode(id, "sms", false), "no phone: the code goes by email");
        assertEquals(new VotingCodeDelivery.State("email", "waiting"), codeDelivery.of(id), "in the outbox");
        notifications.dispatchNow();
        assertEquals(new VotingCodeDelivery.State("email", "sent"), codeDelivery.of(id), "handed to the mail server");
        String text = notifications.outbox(500).stream().filter(m -> m.recipient().equals("votant@example.org")
                && m.template().equals("voting.code")).findFirst().orElseThrow().text();
        java.util.regex.Matcher digits = java.util.regex.Pattern.compile("(\\d{6})").matcher(text);
        assertTrue(digits.find(), text);
        String code = digits.group(1);
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertFalse(registration.checkVotingCode(id, wrong));
        assertTrue(registration.checkVotingCode(id, code));
        assertFalse(registration.checkVotingCode(id, code), "a code is used once");

        registration.sendVotingCode(id, null, true);
        for (int i = 0; i < 5; i++) {
            assertFalse(registration.checkVotingCode(id, wrong));
        }
        notifications.dispatchNow();
        String last = notifications.outbox(500).stream().filter(m -> m.recipient().equals("votant@example.org")
                && m.template().equals("voting.code")).findFirst().orElseThrow().text();
        java.util.regex.Matcher lastDigits = java.util.regex.Pattern.compile("(\\d{6})").matcher(last);
        assertTrue(lastDigits.find());
        assertFalse(registration.checkVotingCode(id, lastDigits.group(1)), "after five wrong tries the code is void");
        for (int i = 0; i < 3; i++) {
            registration.sendVotingCode(id, null, true);
        }
        assertThrows(org.openprimary.common.TooManyRequestsException.class,
                () -> registration.sendVotingCode(id, null, true), "five codes in ten minutes at most");
    }

    @Test
    void anEmailLinkProvesTheMailboxOnceAndTheRollConfirmationFollows() {
        UUID election = open(EnumSet.of(Factor.EMAIL));
        RegistrationStatus registered = registration.register(election, citizen(null, "lien@example.org"));
        UUID id = UUID.fromString(registered.id());
        notifications.dispatchNow();
        String text = notifications.outbox(500).stream()
                .filter(m -> m.recipient().equals("lien@example.org") && m.template().equals("registration.email-link"))
                .findFirst().orElseThrow().text();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("verify-email\\.html#r=([0-9a-f-]{36})&t=(\\S+)")
                .matcher(text);
        assertTrue(link.find(), text);
        assertEquals(registered.id(), link.group(1));

        assertThrows(InvalidInputException.class, () -> registration.verifyEmail(id, link.group(2) + "x"));
        RegistrationStatus verified = registration.verifyEmail(id, link.group(2));
        assertEquals("ON_ROLL", verified.status());
        assertThrows(InvalidInputException.class, () -> registration.verifyEmail(id, link.group(2)), "single use");
        assertTrue(notifications.outbox(500).stream().anyMatch(m -> m.recipient().equals("lien@example.org")
                && m.template().equals("registration.on-roll")), "the registrant is told they are on the roll");
    }

    @Test
    void aMemberListIsImportedWholeOnceAndReportsEveryBadLine() {
        UUID election = open(EnumSet.of(Factor.EMAIL), RollMode.IMPORTED);
        String good = "member_id,first_name,last_name,email,phone\n"
                + "M-1,Camille,Durand,camille.m1@example.org,\n"
                + "M-2,\"Karim, dit K\",Benali,karim.m2@example.org,06 11 22 33 44\n";
        String bad = good + "M-3,Sophie,Martin,not-an-address,\nM-1,Twice,Listed,other@example.org,\n";

        ImportReport refused = registration.importMembers(election, bad, false, "test");
        assertFalse(refused.applied());
        assertEquals(0, refused.imported());
        assertEquals(List.of(4L, 5L), refused.problems().stream().map(ImportReport.LineProblem::line).toList());
        assertEquals("email", refused.problems().get(0).field());
        assertEquals(0, registration.counts(election, null).registrants(), "all or nothing");

        ImportReport imported = registration.importMembers(election, good, false, "test");
        assertEquals(2, imported.imported());
        assertEquals(2, registration.counts(election, null).registrants());
        ImportReport again = registration.importMembers(election, good, false, "test");
        assertEquals(0, again.imported());
        assertEquals(2, again.unchanged());
        assertEquals(2, registration.counts(election, null).registrants(), "the same file twice changes nothing");

        ImportReport partial = registration.importMembers(election,
                "member_id,first_name,last_name,email,phone\nM-4,Élise,Moreau,elise.m4@example.org,\nM-5,X,Y,,\n", true, "test");
        assertEquals(1, partial.imported());
        assertEquals(1, partial.problems().size());
        assertEquals(3, registration.counts(election, null).registrants());
        assertEquals(3L, registration.changes(election, Instant.parse("2000-01-01T00:00:00Z"), Instant.now().plusSeconds(1))
                .entriesByKind().get("MEMBER_IMPORTED"));
        notifications.dispatchNow();
        assertTrue(notifications.outbox(500).stream().anyMatch(m -> m.recipient().equals("elise.m4@example.org")
                && m.template().equals("registration.email-link")), "members get their email link");

        assertThrows(ConflictException.class, () -> registration.register(election, citizen(null, "z@example.org")),
                "members do not register themselves");
        UUID open = open(EnumSet.of(Factor.EMAIL));
        assertThrows(ConflictException.class, () -> registration.importMembers(open, good, false, "test"));
        assertEquals("body", assertThrows(InvalidInputException.class,
                () -> registration.importMembers(election, "id,name\n1,A\n", false, "test")).field().orElseThrow());
    }

    @Test
    void aMemberListBringsLandlinesOnlyWhenTheElectionAcceptsThemAndTheirCodesAreSpoken() throws Exception {
        String list = "member_id,first_name,last_name,email,phone\n"
                + "L-1,Camille,Durand,,01 42 68 53 61\n"
                + "L-2,Karim,Benali,,06 11 22 33 62\n"
                + "L-3,Sophie,Martin,,08 92 68 02 01\n";

        UUID refusing = open(EnumSet.of(Factor.PHONE), RollMode.IMPORTED);
        ImportReport refused = registration.importMembers(refusing, list, false, "test");
        assertFalse(refused.applied());
        assertEquals(List.of(2L, 4L), refused.problems().stream().map(ImportReport.LineProblem::line).toList());
        assertEquals("phone", refused.problems().get(0).field());
        assertTrue(refused.problems().get(0).reason().contains("this is a landline, which this election does not accept"),
                refused.problems().get(0).reason());
        assertEquals(0, registration.counts(refusing, null).registrants(), "all or nothing");

        UUID election = UUID.randomUUID();
        registration.openRegistration(new RegistrationTerms(election, "Primaire test", Instant.now(),
                EnumSet.of(Factor.PHONE), List.of("FR"), RollMode.IMPORTED, true));
        ImportReport imported = registration.importMembers(election, list, true, "test");
        assertTrue(imported.applied());
        assertEquals(2, imported.imported(), "the landline and the mobile");
        assertEquals(1, imported.problems().size());
        ImportReport.LineProblem premium = imported.problems().get(0);
        assertEquals(4L, premium.line());
        assertEquals("phone", premium.field());
        assertEquals("a mobile or landline phone number is required, to receive a code by SMS or by voice call",
                premium.reason(), "a premium-rate number is neither");

        String helpCode;
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                "SELECT phone_e164, help_code FROM registration.registrant WHERE election_id = ? AND member_id = 'L-1'")) {
            s.setString(1, election.toString());
            try (java.sql.ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), "the member with a landline is imported");
                assertEquals("+33142685361", r.getString(1));
                helpCode = r.getString(2);
            }
        }
        support.resendPhoneCode(helpCode, "sms", "operator");
        ConsoleCodeView sent = registration.consoleCodes(200).stream()
                .filter(code -> code.phone().equals("+33*******61") && !code.used()).findFirst().orElseThrow();
        assertEquals("call", sent.channel(), "a landline cannot receive an SMS: its code is spoken");

        ImportReport twice = registration.importMembers(election,
                "member_id,first_name,last_name,email,phone\nL-9,Alix,Petit,,+33 1 42 68 53 61\n", false, "test");
        assertFalse(twice.applied());
        assertEquals("this phone number is already on the roll", twice.problems().get(0).reason(),
                "a landline is once per roll, like a mobile");
        assertEquals(2, registration.counts(election, null).registrants());
    }

    @Test
    void onlyMobilesOfTheAllowedCountriesRegister() {
        UUID election = open(EnumSet.of(Factor.PHONE));
        assertEquals("phone", assertThrows(InvalidInputException.class,
                () -> registration.register(election, citizen("+1 202 555 0147", null))).field().orElseThrow());
        assertEquals("phone", assertThrows(InvalidInputException.class,
                () -> registration.register(election, citizen("01 45 67 89 10", null))).field().orElseThrow(),
                "a landline cannot receive the SMS code");
        assertEquals("charterVersion", assertThrows(InvalidInputException.class,
                () -> registration.register(election, new NewRegistrant("A", "B", "0612345607", null, null, "p", "fr")))
                .field().orElseThrow());
        assertEquals(0, registration.counts(election, null).registrants(), "a refused input changes nothing");
    }
}
