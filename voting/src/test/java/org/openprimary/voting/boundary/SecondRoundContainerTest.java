package org.openprimary.voting.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.boundary.CarryOverService;
import org.openprimary.registration.boundary.LedgerEntryView;
import org.openprimary.registration.boundary.NewRegistrant;
import org.openprimary.registration.boundary.RegistrationService;
import org.openprimary.registration.boundary.RegistrationStatus;
import org.openprimary.registration.boundary.RollVoter;
import org.openprimary.voting.control.VotingSchema;

/**
 * A second round on Payara Micro against the real PostgreSQL: drafted from a counted election with
 * the chosen candidates, its roll exactly the first round's frozen roll (less a voter who asked for
 * erasure after the seal), explained by its ledger, and closed to registration.
 */
@ExtendWith(ArquillianExtension.class)
@DataSourceDefinition(name = VotingSchema.DATA_SOURCE,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=openprimary.db.url}",
        user = "${MPCONFIG=openprimary.db.user}",
        password = "${MPCONFIG=openprimary.db.password}")
class SecondRoundContainerTest {

    @Deployment
    static WebArchive deployment() {
        JavaArchive voting = ShrinkWrap.create(JavaArchive.class, "openprimary-voting.jar")
                .addPackages(true, "org.openprimary.voting")
                .deleteClass(ElectionServiceContainerTest.class)
                .deleteClass(MinutesContainerTest.class)
                .deleteClass(ElectionCampaignsContainerTest.class)
                .deleteClass(SecondRoundContainerTest.class)
                .addAsManifestResource("META-INF/persistence.xml", "persistence.xml")
                .addAsManifestResource("META-INF/beans.xml", "beans.xml")
                .addAsResource(new File("src/main/resources/db/migration/voting"), "db/migration/voting");
        File[] libraries = new File("target/test-libs").listFiles((dir, name) -> name.endsWith(".jar"));
        return ShrinkWrap.create(WebArchive.class, "second-round-test.war")
                .addClass(SecondRoundContainerTest.class)
                // batches far smaller than a roll, and a timer that takes a stopped carry-over up again at once
                .addAsResource(new StringAsset("openprimary.registration.carry-over-batch=" + BATCH + "\n"
                        + "openprimary.registration.carry-over-tick-seconds=1\n"), "META-INF/microprofile-config.properties")
                .addAsLibraries(voting)
                .addAsLibraries(libraries);
    }

    @EJB
    ElectionService elections;

    @EJB
    RegistrationService registration;

    @EJB
    org.openprimary.registration.boundary.RetentionService retention;

    @EJB
    CarryOverService carryOvers;

    @Resource
    ManagedExecutorService executor;

    /** The carry-over's batch in this deployment: a roll of {@link #ROLL} takes several. */
    static final int BATCH = 4;

    static final int ROLL = 29;

    @Resource(lookup = VotingSchema.DATA_SOURCE)
    DataSource dataSource;

    private static final List<String> CANDIDATES = List.of("Alice Martin", "Bruno Petit", "Chloé Durand");

    private ElectionView firstRound() {
        ElectionView draft = elections.draft(new DraftElection("Primaire de la gauche", CANDIDATES, null,
                List.of("PHONE"), List.of("FR"), "OPEN", null, "sms", true, null, null), "organizer");
        elections.describeCandidate(draft.id(), 1, "Les Verts", null, "Pour une primaire écologiste");
        return elections.openRegistration(draft.id(), "organizer");
    }

    private RegistrationStatus register(String election, String first, String phone) {
        RegistrationStatus registered = registration.register(UUID.fromString(election),
                new NewRegistrant(first, "Dupont", phone, null, "c-1", "p-1", "fr"));
        String masked = "+33*******" + phone.substring(phone.length() - 2);
        String code = registration.consoleCodes(200).stream()
                .filter(c -> c.phone().equals(masked) && !c.used()).findFirst().orElseThrow().code();
        registration.verifyPhone(UUID.fromString(registered.id()), registered.resumeToken(), code);
        return registered;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first round with three voters on its roll and one registrant who never verified, frozen. */
    private ElectionView frozenFirstRound(String suffix) throws SQLException {
        ElectionView first = firstRound();
        RegistrationStatus withdrawing = register(first.id(), "Inès", "06998" + suffix + "001");
        register(first.id(), "Jules", "06998" + suffix + "002");
        register(first.id(), "Karim", "06998" + suffix + "003");
        registration.register(UUID.fromString(first.id()),
                new NewRegistrant("Léa", "Pending", "06998" + suffix + "004", null, "c-1", "p-1", "fr"));
        // what the seal proposal does to the roll; then, after the seal, one voter asks for erasure
        registration.closeRegistration(UUID.fromString(first.id()), Instant.now());
        registration.withdraw(UUID.fromString(withdrawing.id()), withdrawing.resumeToken());
        execute("INSERT INTO voting.trustee (election_id, position, username, enrolled_at) VALUES ('" + first.id()
                + "', 1, 'trustee-a', now()), ('" + first.id() + "', 2, 'trustee-b', now())");
        execute("UPDATE voting.election SET trustee_threshold = 2 WHERE id = '" + first.id() + "'");
        return first;
    }

    private void counted(String id) throws SQLException {
        // as if sealed, voted and counted (the lifecycle's own steps are the launcher's PlatformIT)
        execute("UPDATE voting.election SET state = 'COUNTED', counted_at = now(), seal_fingerprint = '"
                + "a".repeat(64) + "', seal_proposed_by = 'organizer', sealed_by = 'bailiff', rehearsal_passed_at = now()"
                + " WHERE id = '" + id + "'");
    }

    @Test
    void aSecondRoundOfACountedElectionHasTheChosenCandidatesAndExactlyTheFirstRoundsRoll() throws Exception {
        ElectionView first = frozenFirstRound("11");
        counted(first.id());

        ElectionView second = elections.secondRound(first.id(), null, List.of("Chloé Durand", "Bruno Petit"), "organizer");

        assertEquals("DRAFT", second.state());
        assertEquals(first.id(), second.firstRoundId());
        assertNull(first.firstRoundId());
        assertEquals("Primaire de la gauche (second round)", second.title());
        assertEquals(List.of("Chloé Durand", "Bruno Petit"), second.candidates());
        assertEquals("Pour une primaire écologiste", second.candidateDetails().get(1).statement(),
                "a candidate's statement is carried over");
        assertEquals("Les Verts", second.candidateDetails().get(1).party());
        assertEquals(first.requiredFactors(), second.requiredFactors());
        assertEquals(first.allowedCountries(), second.allowedCountries());
        assertEquals(first.rollMode(), second.rollMode());
        assertTrue(second.landlineVoiceCode());
        assertEquals(first.grades(), second.grades());
        List<TrusteeView> trustees = elections.trusteeViews(second.id());
        assertEquals(List.of("trustee-a", "trustee-b"), trustees.stream().map(TrusteeView::username).toList());
        assertTrue(trustees.stream().allMatch(t -> t.passphraseChosenAt() == null),
                "the trustees are named again and hold the second round's key ceremony anew");

        UUID secondId = UUID.fromString(second.id());
        elections.openRegistration(second.id(), "organizer");
        CarryOverView carryOver = awaitCarryOver(second.id(), "DONE");
        assertEquals(3, carryOver.total(), "the first round's three voters, counted when registration opened");
        assertEquals(2, carryOver.carried());
        assertEquals(1, carryOver.notCarried());

        ConflictException refused = assertThrows(ConflictException.class, () -> registration.register(secondId,
                new NewRegistrant("Nora", "Nouvelle", "0699811099", null, "c-1", "p-1", "fr")));
        assertEquals("electionId", refused.field().orElse(null));
        assertTrue(refused.reason().contains("second round"), refused.reason());

        List<LedgerEntryView> ledger = registration.ledger(secondId);
        Map<String, Long> kinds = ledger.stream().collect(Collectors.groupingBy(LedgerEntryView::kind,
                Collectors.counting()));
        assertEquals(Map.of("REGISTRATION_OPENED", 1L, "CARRIED_OVER", 2L, "NOT_CARRIED_OVER", 1L), kinds);
        assertEquals(2, registration.rollSize(secondId), "the ledger counts the voters carried over");
        assertEquals(2, ledger.get(ledger.size() - 1).rollSize());
        assertEquals(2, ledger.get(ledger.size() - 1).registrants());
        assertTrue(retention.ledgerVerifies(secondId), "the second round's ledger is hash-linked like any other");

        registration.closeRegistration(secondId, Instant.now());
        List<RollVoter> firstRoll = registration.rollVoters(UUID.fromString(first.id()));
        List<RollVoter> secondRoll = registration.rollVoters(secondId);
        assertEquals(3, firstRoll.size());
        Set<String> expected = firstRoll.stream().filter(v -> !v.firstName().equals("Inès"))
                .map(v -> v.firstName() + " " + v.phone().orElseThrow() + " " + v.language()).collect(Collectors.toSet());
        Set<String> carried = secondRoll.stream()
                .map(v -> v.firstName() + " " + v.phone().orElseThrow() + " " + v.language()).collect(Collectors.toSet());
        assertEquals(expected, carried, "the first round's voters, with their verified phones; not the one who withdrew");
        assertEquals(2, secondRoll.size());
        assertTrue(secondRoll.stream().noneMatch(v -> firstRoll.stream()
                .anyMatch(f -> f.registrantId().equals(v.registrantId()))), "new registrations, of the second round");
    }

    @Test
    void aSecondRoundIsRefusedBeforeTheCountAndForUnknownDuplicateOrTooFewCandidates() throws Exception {
        ElectionView first = frozenFirstRound("22");

        ConflictException early = assertThrows(ConflictException.class,
                () -> elections.secondRound(first.id(), "Second tour", List.of("Alice Martin", "Bruno Petit"), "o"));
        assertEquals("state", early.field().orElse(null));

        counted(first.id());
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> elections.secondRound(first.id(), null, List.of("Alice Martin", "Zorro"), "o"));
        assertEquals("candidates[1]", unknown.field().orElse(null));
        InvalidInputException twice = assertThrows(InvalidInputException.class,
                () -> elections.secondRound(first.id(), null, List.of("Alice Martin", "Alice Martin"), "o"));
        assertEquals("candidates[1]", twice.field().orElse(null));
        InvalidInputException few = assertThrows(InvalidInputException.class,
                () -> elections.secondRound(first.id(), null, List.of("Alice Martin"), "o"));
        assertEquals("candidates", few.field().orElse(null));
        assertThrows(InvalidInputException.class, () -> elections.secondRound(first.id(), null, null, "o"));
        NotFoundException none = assertThrows(NotFoundException.class,
                () -> elections.secondRound(UUID.randomUUID().toString(), null, List.of("Alice Martin", "Bruno Petit"), "o"));
        assertEquals("id", none.field().orElse(null));
        assertTrue(elections.all().stream().noneMatch(e -> first.id().equals(e.firstRoundId())),
                "no refused request left a second round behind");
    }

    /** Waits (at most a minute) until the second round's carry-over has the status, and returns it. */
    private CarryOverView awaitCarryOver(String id, String status) throws InterruptedException {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        CarryOverView view = elections.carryOver(id);
        while (!view.status().equals(status) && System.nanoTime() < until) {
            Thread.sleep(100);
            view = elections.carryOver(id);
        }
        assertEquals(status, view.status(), "the carry-over: " + view);
        return view;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Map<String, Long> kinds(UUID election) {
        return registration.ledger(election).stream().collect(Collectors.groupingBy(LedgerEntryView::kind,
                Collectors.counting()));
    }

    /**
     * A first round of {@link #ROLL} voters on its frozen roll (written straight into the table: the
     * carry-over reads the registrants, and registering each through the citizens' path is another
     * test's matter), three of whom (the 3rd, 17th and 23rd in id order) asked for erasure after its
     * seal; counted.
     */
    private ElectionView countedFirstRoundOfManyVoters(String prefix) throws SQLException {
        ElectionView first = firstRound();
        execute("INSERT INTO registration.registrant (id, election_id, first_name, last_name, phone_e164, language,"
                + " charter_version, privacy_version, resume_token_hash, status, registered_at, phone_verified_at,"
                + " on_roll_at) SELECT '" + prefix + "-0000-4000-8000-' || lpad(i::text, 12, '0'), '" + first.id()
                + "', 'Voter' || i, 'Batch', '+3369' || lpad(i::text, 7, '0'), CASE WHEN i % 2 = 0 THEN 'fr' ELSE 'en'"
                + " END, 'c-1', 'p-1', md5('" + prefix + "' || i) || md5('" + prefix + "r' || i), 'ON_ROLL', now(),"
                + " now(), now() FROM generate_series(0, " + (ROLL - 1) + ") AS i");
        registration.closeRegistration(UUID.fromString(first.id()), Instant.now());
        execute("UPDATE registration.registrant SET erasure_requested_at = now() WHERE election_id = '" + first.id()
                + "' AND last_name = 'Batch' AND first_name IN ('Voter2', 'Voter16', 'Voter22')");
        counted(first.id());
        return first;
    }

    @Test
    void aRollLargerThanABatchIsCarriedOverInBatchesThatGoOnWhereACrashStoppedThemNobodyTwiceNobodySkipped()
            throws Exception {
        String prefix = "c0ffee01";
        ElectionView first = countedFirstRoundOfManyVoters(prefix);
        ElectionView second = elections.secondRound(first.id(), "Second tour", List.of("Alice Martin", "Bruno Petit"),
                "organizer");
        UUID secondId = UUID.fromString(second.id());
        assertEquals("NOT_STARTED", elections.carryOver(second.id()).status(), "nothing is carried before the opening");
        // A crash in the middle of the fifth batch: the copy of the 18th voter (in id order) fails, as a
        // dying instance or a lost connection would, after the batch left out the 17th (who asked for
        // erasure: a NOT_CARRIED_OVER entry already appended in the batch's transaction).
        String crashing = prefix + "-0000-4000-8000-" + String.format("%012d", 17);
        execute("CREATE FUNCTION registration.test_crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.election_id = '" + second.id() + "' AND NEW.carried_from_id = '" + crashing + "' THEN"
                + " RAISE EXCEPTION 'simulated crash while carrying over'; END IF; RETURN NEW; END $$");
        execute("CREATE TRIGGER test_crash BEFORE INSERT ON registration.registrant FOR EACH ROW"
                + " EXECUTE FUNCTION registration.test_crash()");
        try {
            elections.openRegistration(second.id(), "organizer");

            CarryOverView stopped = awaitCarryOver(second.id(), "STALLED");
            assertEquals(ROLL, stopped.total(), "every voter on the first round's roll, counted at the opening");
            assertEquals(4 * BATCH, stopped.carried() + stopped.notCarried(),
                    "the four batches before the crash, whole; nothing of the fifth: " + stopped);
            assertEquals(1, stopped.notCarried(), "Voter2, who asked for erasure, is in the first batches");
            assertTrue(stopped.stalled().contains("simulated crash"), stopped.stalled());
            assertEquals(stopped.carried(), count("SELECT count(*) FROM registration.registrant WHERE election_id = '"
                    + second.id() + "'"), "the copies are exactly the carried ones: the failed batch left none");
            assertEquals(Map.of("REGISTRATION_OPENED", 1L, "CARRIED_OVER", stopped.carried(), "NOT_CARRIED_OVER", 1L),
                    kinds(secondId), "the ledger says exactly what the committed batches did");
            assertTrue(retention.ledgerVerifies(secondId));
            assertEquals(stopped.carried(), registration.rollSize(secondId));

            ConflictException notClosed = assertThrows(ConflictException.class,
                    () -> registration.closeRegistration(secondId, Instant.now()));
            assertEquals("electionId", notClosed.field().orElse(null));
            assertTrue(notClosed.reason().contains("still being carried over (16 of 29 voters)"), notClosed.reason());
            assertTrue(elections.missingBeforeSeal(second.id()).stream()
                            .anyMatch(m -> m.startsWith("the first round's roll is still being carried over: 16 of 29")),
                    "the seal's checklist says it: " + elections.missingBeforeSeal(second.id()));
            ConflictException notSealed = assertThrows(ConflictException.class,
                    () -> elections.proposeSeal(second.id(), "organizer"));
            assertEquals("state", notSealed.field().orElse(null));
            assertTrue(notSealed.reason().contains("still being carried over"), notSealed.reason());
        } finally {
            execute("DROP TRIGGER test_crash ON registration.registrant");
            execute("DROP FUNCTION registration.test_crash()");
        }

        // The restart: the timer takes it up again, and three more callers try at the same time.
        List<java.util.concurrent.Future<Long>> callers = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            callers.add(executor.submit(() -> carryOvers.carry(secondId)));
        }
        long handledByCallers = 0;
        for (java.util.concurrent.Future<Long> caller : callers) {
            handledByCallers += caller.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        CarryOverView done = awaitCarryOver(second.id(), "DONE");
        assertTrue(handledByCallers <= ROLL - 4 * BATCH, "no batch was run twice: " + handledByCallers);
        assertEquals(ROLL, done.total());
        assertEquals(ROLL - 3, done.carried(), "everyone but the three who asked for erasure");
        assertEquals(3, done.notCarried());
        assertNull(done.stalled(), "a committed batch clears the stop");
        assertEquals(ROLL - 3, count("SELECT count(*) FROM registration.registrant WHERE election_id = '" + second.id()
                + "'"));
        assertEquals(ROLL - 3, count("SELECT count(DISTINCT carried_from_id) FROM registration.registrant"
                + " WHERE election_id = '" + second.id() + "'"), "nobody carried twice");
        assertEquals(0, count("SELECT count(*) FROM registration.registrant f WHERE f.election_id = '" + first.id()
                + "' AND f.erasure_requested_at IS NULL AND NOT EXISTS (SELECT 1 FROM registration.registrant s"
                + " WHERE s.election_id = '" + second.id() + "' AND s.carried_from_id = f.id)"), "nobody skipped");
        assertEquals(0, count("SELECT count(*) FROM registration.registrant s JOIN registration.registrant f"
                + " ON f.id = s.carried_from_id WHERE s.election_id = '" + second.id() + "' AND (f.phone_e164 <> s.phone_e164"
                + " OR f.language <> s.language OR f.erasure_requested_at IS NOT NULL OR s.id = f.id)"),
                "each copy is its voter's, under a new id; none of those who asked for erasure");
        assertEquals(Map.of("REGISTRATION_OPENED", 1L, "CARRIED_OVER", (long) ROLL - 3, "NOT_CARRIED_OVER", 3L),
                kinds(secondId));
        assertTrue(retention.ledgerVerifies(secondId), "hash-linked across the batches and the crash");
        assertEquals(ROLL - 3, registration.rollSize(secondId));
        assertTrue(elections.missingBeforeSeal(second.id()).stream().noneMatch(m -> m.contains("carried over")));

        registration.closeRegistration(secondId, Instant.now());
        assertEquals(ROLL - 3, registration.rollVoters(secondId).size());
    }
}
