package org.openprimary.voting.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.EJB;
import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.registration.boundary.LedgerEntryView;
import org.openprimary.registration.boundary.FeeTotals;
import org.openprimary.registration.boundary.RegistrationService;
import org.openprimary.voting.control.VotingSchema;

/**
 * The voting module with the registration module, on Payara Micro against the real PostgreSQL:
 * what only a container shows (migrations at start-up, CDI and EJB wiring, one transaction across
 * two modules' persistence units).
 */
@ExtendWith(ArquillianExtension.class)
@DataSourceDefinition(name = VotingSchema.DATA_SOURCE, // in the EAR, application.xml declares it
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=openprimary.db.url}",
        user = "${MPCONFIG=openprimary.db.user}",
        password = "${MPCONFIG=openprimary.db.password}")
class ElectionServiceContainerTest {

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
        // The module's run-time libraries as built (common, registration and theirs), copied by the build.
        File[] libraries = new File("target/test-libs").listFiles((dir, name) -> name.endsWith(".jar"));
        return ShrinkWrap.create(WebArchive.class, "voting-test.war")
                .addClass(ElectionServiceContainerTest.class)
                .addAsLibraries(voting)
                .addAsLibraries(libraries);
    }

    @EJB
    ElectionService elections;

    @EJB
    RegistrationService registration;

    @EJB
    VotingSchema schema;

    @Resource(lookup = VotingSchema.DATA_SOURCE)
    DataSource dataSource;

    @Test
    void theSchemaWasMigratedAtStartUp() {
        // The newest script the module ships is the version the schema reached at start-up.
        String newest = java.util.Arrays.stream(new File("src/main/resources/db/migration/voting").list())
                .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                .max(Integer::compare).orElseThrow().toString();
        assertEquals(newest, schema.status().version());
    }

    @Test
    void openingRegistrationMovesTheElectionAndStartsTheRollLedgerTogether() {
        ElectionView draft = elections.draft(DraftElection.of("Primaire", List.of("Alice", "Bob"), null), "test");
        assertEquals("DRAFT", draft.state());
        assertTrue(elections.published(null).stream().noneMatch(e -> e.id().equals(draft.id())),
                "a draft is not public");

        ElectionView opened = elections.openRegistration(draft.id(), "test");

        assertEquals("REGISTRATION", opened.state());
        assertEquals("REGISTRATION", elections.find(draft.id()).state());
        assertTrue(elections.published("REGISTRATION").stream().anyMatch(e -> e.id().equals(draft.id())));
        List<LedgerEntryView> ledger = registration.ledger(UUID.fromString(draft.id()));
        assertEquals(1, ledger.size());
        assertEquals("REGISTRATION_OPENED", ledger.get(0).kind());
        assertEquals(opened.registrationOpenedAt(), ledger.get(0).recordedAt());
        assertEquals(0, registration.rollSize(UUID.fromString(draft.id())));
    }

    /**
     * Issue 8: the fee is set in the draft (at its creation or after), shown in the public view,
     * refused out of its bounds on its field, frozen once registration opens, and handed to
     * registration with the rest of the terms.
     */
    @Test
    void aParticipationFeeIsADraftSettingHandedToRegistrationWhenItOpens() {
        ElectionView draft = elections.draft(new DraftElection("Primaire à 1 euro", List.of("Alice", "Bob"), null,
                null, null, null, null, null, null, new java.math.BigDecimal("100"), null), "test");
        assertEquals(100, draft.feeCents());
        assertEquals("EUR", draft.feeCurrency());
        assertEquals("feeCents", assertThrows(InvalidInputException.class, () -> elections.draft(new DraftElection(
                "Primaire", List.of("Alice"), null, null, null, null, null, null, null, new java.math.BigDecimal("1.5"),
                null), "test")).field().orElseThrow());
        assertEquals("feeCents", assertThrows(InvalidInputException.class,
                () -> elections.chargeFee(draft.id(), new java.math.BigDecimal("-1"), null)).field().orElseThrow());
        assertEquals("feeCents", assertThrows(InvalidInputException.class,
                () -> elections.chargeFee(draft.id(), new java.math.BigDecimal("10001"), null)).field().orElseThrow());
        assertEquals("feeCurrency", assertThrows(InvalidInputException.class,
                () -> elections.chargeFee(draft.id(), new java.math.BigDecimal("100"), "XYZ")).field().orElseThrow());
        assertEquals(100, elections.find(draft.id()).feeCents(), "a refused change changes nothing");
        assertEquals(200, elections.chargeFee(draft.id(), new java.math.BigDecimal("200"), "eur").feeCents());

        elections.openRegistration(draft.id(), "test");

        assertEquals("state", assertThrows(ConflictException.class,
                () -> elections.chargeFee(draft.id(), java.math.BigDecimal.ZERO, null)).field().orElseThrow());
        ElectionView shown = elections.published("REGISTRATION").stream().filter(e -> e.id().equals(draft.id()))
                .findFirst().orElseThrow();
        assertEquals(200, shown.feeCents());
        FeeTotals totals = registration.feeTotals(UUID.fromString(draft.id()));
        assertEquals(200, totals.feeCents(), "registration knows the fee from the terms");
        assertEquals("EUR", totals.currency());
        assertEquals(0, totals.paid());
    }

    @EJB
    CastProbe casts;

    @Test
    void oneVoterCastingFromEightDevicesAtTheSameInstantGetsOneMarkAndOneBallot() throws Exception {
        ElectionView election = elections.draft(DraftElection.of("Primaire", List.of("Alice"), null), "test");
        UUID voter = UUID.randomUUID();
        casts.addVoter(election.id(), voter, "c".repeat(63) + "0");
        int devices = 8;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(devices);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(devices);
        List<java.util.concurrent.Future<Boolean>> outcomes = new java.util.ArrayList<>();
        for (int d = 0; d < devices; d++) {
            byte[] ballot = new byte[] {(byte) d, 1, 2, 3};
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    casts.cast(election.id(), voter, ballot);
                    return true;
                } catch (jakarta.ejb.EJBException | ConflictException e) {
                    return false;
                }
            }));
        }
        int accepted = 0;
        for (java.util.concurrent.Future<Boolean> outcome : outcomes) {
            accepted += outcome.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, accepted, "one device's ballot is accepted, the others are told the voter has voted");
        assertEquals(1, casts.marks(election.id()));
        assertEquals(1, casts.ballots(election.id()), "never a ballot without its mark, nor a mark without its ballot");
    }

    @Test
    void theSealChecklistSaysWhenTheRollIsEmpty() {
        ElectionView election = elections.draft(DraftElection.of("Primaire vide", List.of("Alice"), null), "test");
        elections.openRegistration(election.id(), "test");
        assertTrue(elections.missingBeforeSeal(election.id()).contains(
                "the roll is empty: nobody has completed their registration yet"), elections.missingBeforeSeal(election.id()).toString());
    }

    @Test
    void aStruckOffVoterCannotVoteAndAVoterWhoVotedCannotBeStruckOff() throws Exception {
        ElectionView election = elections.draft(DraftElection.of("Primaire", List.of("Alice"), null), "test");
        UUID struck = UUID.randomUUID();
        UUID voted = UUID.randomUUID();
        casts.addVoter(election.id(), struck, "d".repeat(63) + "1");
        casts.addVoter(election.id(), voted, "d".repeat(63) + "2");
        casts.cast(election.id(), voted, new byte[] {9, 9});
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("UPDATE voting.voter SET struck_off_at = now() WHERE id = '" + struck + "'");
            assertThrows(java.sql.SQLException.class,
                    () -> s.execute("UPDATE voting.voter SET struck_off_at = now() WHERE id = '" + voted + "'"),
                    "the database itself refuses to strike off a voter who has voted");
        }
        assertThrows(Exception.class, () -> casts.cast(election.id(), struck, new byte[] {1}));
        assertEquals(1, casts.marks(election.id()), "the struck-off voter got no mark");
        assertEquals(1, casts.ballots(election.id()), "and no ballot");
    }

    @EJB
    ResultService results;

    @Test
    void theIntakeIsChainedInBatchesInOrderWithEveryHeadRecomputable() throws Exception {
        ElectionView election = elections.draft(DraftElection.of("Primaire", List.of("Alice"), null), "test");
        int ballots = 25_001; // three batches of the chaining
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("INSERT INTO voting.ballot_intake (election_id, encrypted, receipt) SELECT '" + election.id()
                    + "', sha256(int8send(g)), encode(sha256(sha256(int8send(g))), 'hex')"
                    + " FROM generate_series(1, " + ballots + ") AS g");
        }
        String genesis = org.openprimary.tally.control.BoxChain.genesis(election.id(), "f".repeat(64), "key");
        org.openprimary.voting.control.BallotBox.Entry chained = casts.chain(election.id(), genesis);
        assertEquals(ballots, chained.position());
        assertEquals(ballots, casts.ballots(election.id()), "every ballot moved once: none lost, none doubled");

        String head = genesis;
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rows = s.executeQuery("SELECT position, receipt, head, encrypted FROM voting.box_entry"
                        + " WHERE election_id = '" + election.id() + "' ORDER BY position")) {
            long expected = 0;
            while (rows.next()) {
                expected++;
                assertEquals(expected, rows.getLong(1));
                assertEquals(org.openprimary.tally.control.BoxChain.receipt(rows.getBytes(4)), rows.getString(2).strip());
                head = org.openprimary.tally.control.BoxChain.next(head, expected, rows.getString(2).strip());
                assertEquals(head, rows.getString(3).strip(), "position " + expected);
            }
            assertEquals(ballots, expected);
        }
        assertEquals(head, chained.head());
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet left = s.executeQuery("SELECT count(*) FROM voting.ballot_intake WHERE election_id = '"
                        + election.id() + "'")) {
            left.next();
            assertEquals(0, left.getLong(1), "the intake is empty");
        }
    }

    @Test
    void aCorrectionCountsTheKeptBallotsAgainAndAddsAVersionOnlyWhenTheResultDiffers() throws Exception {
        // A published election whose first result was wrong (as if a past engine had a bug): two
        // ballots kept, grades 2,0 and 1,1 on a three-grade scale, but a published result of nothing.
        String id = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("INSERT INTO voting.election (id, title, state, created_at, registration_opened_at, seal_fingerprint,"
                    + " seal_proposed_by, sealed_by, rehearsal_passed_at, result_json) VALUES ('" + id + "', 'Primaire',"
                    + " 'PUBLISHED', now(), now(), '" + "a".repeat(64) + "', 'o', 'b', now(), '{}')");
            s.execute("INSERT INTO voting.candidate (election_id, position, name) VALUES ('" + id + "', 0, 'Alice'),"
                    + " ('" + id + "', 1, 'Bob')");
            s.execute("INSERT INTO voting.grade (election_id, position, name) VALUES ('" + id + "', 0, 'Rejet'),"
                    + " ('" + id + "', 1, 'Passable'), ('" + id + "', 2, 'Bien')");
            s.execute("INSERT INTO voting.counted_ballot (election_id, chunk, ballots, grades) VALUES ('" + id
                    + "', 0, 2, '\\x02000101'::bytea)");
            s.execute("INSERT INTO voting.result_version (election_id, version, result_json, reason, created_by,"
                    + " created_at) VALUES ('" + id + "', 1, '{}', 'first publication', 'o', now())");
        }
        assertThrows(InvalidInputException.class, () -> results.correct(id, "short", "organizer"));

        List<ResultVersionView> versions = results.correct(id, "the first count used a faulty engine", "organizer");

        assertEquals(2, versions.size());
        assertEquals("{}", versions.get(0).result(), "the first version stays as it was published");
        assertTrue(versions.get(1).result().contains("\"ballots\" : 2") || versions.get(1).result().contains("\"ballots\":2"),
                versions.get(1).result());
        assertEquals(versions.get(1).result(), results.publishedResult(id), "the newest version is the result");
        assertThrows(ConflictException.class, () -> results.correct(id, "a second look at the same ballots", "organizer"),
                "a recount that changes nothing adds no version");
    }

    @EJB
    org.openprimary.notifications.boundary.NotificationService notifications;

    @Test
    void theResultIsAnnouncedToTheRollButNotToWhoAskedToWithdrawAfterTheSeal() throws Exception {
        UUID election = UUID.randomUUID();
        String title = "Primaire " + election;
        registration.openRegistration(new org.openprimary.registration.boundary.RegistrationTerms(election, title,
                java.time.Instant.now(), java.util.EnumSet.of(org.openprimary.registration.boundary.Factor.EMAIL),
                List.of("FR"), org.openprimary.registration.boundary.RollMode.OPEN));
        String tag = election.toString().substring(0, 8);
        String staying = "staying-" + tag + "@example.org";
        String leaving = "leaving-" + tag + "@example.org";
        org.openprimary.registration.boundary.RegistrationStatus stays = registration.register(election,
                new org.openprimary.registration.boundary.NewRegistrant("Camille", "Durand", null, staying, "charter-1",
                        "privacy-1", "fr"));
        org.openprimary.registration.boundary.RegistrationStatus leaves = registration.register(election,
                new org.openprimary.registration.boundary.NewRegistrant("Karim", "Benali", null, leaving, "charter-1",
                        "privacy-1", "en"));
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            // both proved their mailbox (the email link's journey has tests of its own)
            s.execute("UPDATE registration.registrant SET status = 'ON_ROLL', email_verified_at = now(), on_roll_at = now()"
                    + " WHERE election_id = '" + election + "'");
            s.execute("INSERT INTO voting.election (id, title, state, created_at, registration_opened_at, seal_fingerprint,"
                    + " seal_proposed_by, sealed_by, rehearsal_passed_at, result_json) VALUES ('" + election + "', '"
                    + title + "', 'COUNTED', now(), now(), '" + "a".repeat(64) + "', 'o', 'b', now(), '{}')");
            s.execute("INSERT INTO voting.candidate (election_id, position, name) VALUES ('" + election + "', 0, 'Alice')");
            s.execute("INSERT INTO voting.grade (election_id, position, name) VALUES ('" + election + "', 0, 'Rejet'),"
                    + " ('" + election + "', 1, 'Bien')");
        }
        registration.closeRegistration(election, java.time.Instant.now());
        org.openprimary.registration.boundary.WithdrawalView withdrawal = registration.withdraw(
                UUID.fromString(leaves.id()), leaves.resumeToken());
        assertFalse(withdrawal.erased(), "after the seal the request is recorded, the roll keeps the voter");
        assertEquals(2, registration.rollVoters(election).size(), "both stay on the sealed roll");

        results.publish(election.toString(), "organizer");

        List<org.openprimary.notifications.boundary.CampaignView> announcements = notifications.campaigns().stream()
                .filter(c -> c.name().equals("Result of " + title)).toList();
        assertEquals(1, announcements.size());
        org.openprimary.notifications.boundary.CampaignView announcement = announcements.get(0);
        assertEquals(1, announcement.queued(), "one recipient: " + announcement);
        assertTrue(notifications.history(staying).stream().anyMatch(m -> m.template().equals("result.published")),
                "the voter who stays is told the result");
        assertTrue(notifications.history(leaving).stream().noneMatch(m -> m.template().equals("result.published")),
                "the voter who asked to withdraw is not");
    }

    @Test
    void whenRegistrationRefusesTheElectionStaysInDraft() throws SQLException {
        ElectionView draft = elections.draft(DraftElection.of("Primaire", List.of("Alice"), null), "test");
        try (Connection c = dataSource.getConnection();
                PreparedStatement window = c.prepareStatement(
                        "INSERT INTO registration.registration_window (election_id, opened_at) VALUES (?, ?)")) {
            window.setString(1, draft.id());
            window.setTimestamp(2, Timestamp.from(Instant.now()));
            window.executeUpdate();
        }

        assertThrows(ConflictException.class, () -> elections.openRegistration(draft.id(), "test"));

        assertEquals("DRAFT", elections.find(draft.id()).state(), "the election's change was rolled back");
        assertTrue(registration.ledger(UUID.fromString(draft.id())).isEmpty());
    }
}
