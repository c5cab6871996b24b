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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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
import org.openprimary.common.DomainException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.notifications.boundary.CampaignPreview;
import org.openprimary.notifications.boundary.NotificationService;
import org.openprimary.notifications.boundary.OutboxView;
import org.openprimary.voting.control.VotingSchema;

/**
 * Organizers' campaigns to an election's registrants, on Payara Micro against the real PostgreSQL
 * with the registration and notifications modules: audiences resolved when the campaign goes (only
 * verified contacts, never the struck off, never those who voted), previews and test sends,
 * schedules, and reminders withdrawn by the voter's own mark.
 */
@ExtendWith(ArquillianExtension.class)
@DataSourceDefinition(name = VotingSchema.DATA_SOURCE,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=openprimary.db.url}",
        user = "${MPCONFIG=openprimary.db.user}",
        password = "${MPCONFIG=openprimary.db.password}")
class ElectionCampaignsContainerTest {

    @Deployment
    static WebArchive deployment() {
        JavaArchive voting = ShrinkWrap.create(JavaArchive.class, "openprimary-voting.jar")
                .addPackages(true, "org.openprimary.voting")
                .deleteClass(ElectionCampaignsContainerTest.class)
                .deleteClass(SecondRoundContainerTest.class)
                .deleteClass(ElectionServiceContainerTest.class)
                .deleteClass(MinutesContainerTest.class)
                .addAsManifestResource("META-INF/persistence.xml", "persistence.xml")
                .addAsManifestResource("META-INF/beans.xml", "beans.xml")
                .addAsResource(new File("src/main/resources/db/migration/voting"), "db/migration/voting");
        File[] libraries = new File("target/test-libs").listFiles((dir, name) -> name.endsWith(".jar"));
        return ShrinkWrap.create(WebArchive.class, "voting-campaigns-test.war")
                .addClass(ElectionCampaignsContainerTest.class)
                .addAsLibraries(voting)
                .addAsLibraries(libraries);
    }

    @EJB
    ElectionService elections;

    @EJB
    ElectionCampaigns campaigns;

    @EJB
    CampaignProbe probe;

    @EJB
    CastProbe casts;

    @EJB
    NotificationService notifications;

    @EJB
    org.openprimary.voting.control.CampaignPages pages;

    @jakarta.inject.Inject
    org.openprimary.voting.control.CastActivity activity;

    @Resource(lookup = VotingSchema.DATA_SOURCE)
    DataSource dataSource;

    private static final String ORGANIZER = "organizer-campaigns";

    @Test
    void anAnnouncementReachesItsAudienceOnlyThroughContactsTheRegistrantsVerified() throws Exception {
        String election = openElection("Primaire des campagnes");
        String tag = tag();
        registrant(election, "Ana", "+3361" + tag + "01", "ana." + tag + "@example.org", true, true, "ON_ROLL");
        registrant(election, "Ben", "+3361" + tag + "02", "ben." + tag + "@example.org", true, false, "ON_ROLL");
        registrant(election, "Cléo", "+3361" + tag + "03", "cleo." + tag + "@example.org", false, false, "PENDING");
        registrant(election, "Dan", "+3361" + tag + "04", "dan." + tag + "@example.org", true, true, "STRUCK_OFF");

        ElectionCampaignView unfinished = campaigns.create(election, new ElectionCampaigns.NewCampaign(null,
                "announcement", "UNVERIFIED", "EMAIL", "Finish your registration",
                "Only <b>two days</b> left\nto finish."), ORGANIZER);
        assertEquals("DRAFT", unfinished.state());
        assertEquals("DRAFT", unfinished.progress().status());
        assertEquals(0, unfinished.progress().queued(), "a draft has no recipients yet");

        Map<String, Object> preview = campaigns.preview(election, unfinished.id());
        assertEquals(1L, preview.get("audienceNow"), "only Cléo has not finished");
        @SuppressWarnings("unchecked")
        List<CampaignPreview> messages = (List<CampaignPreview>) preview.get("messages");
        assertEquals(List.of("fr", "en"), messages.stream().map(CampaignPreview::language).toList());
        assertEquals("Finish your registration", messages.get(0).subject());
        assertTrue(messages.get(0).html().contains("Only &lt;b&gt;two days&lt;/b&gt; left<br>"),
                messages.get(0).html());
        assertTrue(messages.get(1).text().startsWith("Only <b>two days</b> left\nto finish."), messages.get(1).text());

        String me = "organizer." + tag + "@example.org";
        UUID test = campaigns.test(election, unfinished.id(), me, "en");
        assertEquals("campaign.announcement", notifications.message(test).template());
        assertField(InvalidInputException.class, "to", () -> campaigns.test(election, unfinished.id(), "+33612345678", "fr"),
                "an email campaign is tried on an email address");
        for (int i = 1; i < ElectionCampaigns.MAX_TESTS; i++) {
            campaigns.test(election, unfinished.id(), me, "fr");
        }
        assertField(ConflictException.class, "to", () -> campaigns.test(election, unfinished.id(), me, "fr"));
        assertEquals(0, campaigns.one(election, unfinished.id()).progress().queued(),
                "test messages are not the campaign's");

        ElectionCampaignView sending = campaigns.send(election, unfinished.id(), null, ORGANIZER);
        assertEquals("QUEUING", sending.state(), "the organizer's request returns at once; the queuing goes on behind it");
        ElectionCampaignView sent = queued(election, unfinished.id());
        assertEquals("QUEUED", sent.state());
        assertEquals(1L, sent.recipients());
        assertEquals("SENDING", sent.progress().status());
        assertField(ConflictException.class, "state", () -> campaigns.send(election, unfinished.id(), null, ORGANIZER));
        notifications.dispatchNow();
        assertEquals("FINISHED", campaigns.one(election, unfinished.id()).progress().status(),
                "once its one message went, the campaign says it is finished, not still sending");
        List<OutboxView> toCleo = notifications.history("cleo." + tag + "@example.org");
        assertEquals(1, toCleo.size(), "Cléo got it");
        assertEquals("campaign.announcement", toCleo.get(0).template());
        assertTrue(notifications.history("ana." + tag + "@example.org").isEmpty(), "Ana finished: not for her");

        ElectionCampaignView onRoll = campaigns.create(election, new ElectionCampaigns.NewCampaign("Meeting",
                "ANNOUNCEMENT", "ON_ROLL", "SMS", null, "Public meeting tonight, 19h."), ORGANIZER);
        assertEquals(2L, campaigns.preview(election, onRoll.id()).get("audienceNow"),
                "Ana and Ben verified their phones; Dan was struck off");
        ElectionCampaignView byEmail = campaigns.create(election, new ElectionCampaigns.NewCampaign("Meeting by email",
                "ANNOUNCEMENT", "REGISTERED", "EMAIL", "Meeting", "Public meeting tonight."), ORGANIZER);
        assertEquals(1L, campaigns.preview(election, byEmail.id()).get("audienceNow"),
                "only Ana's address is verified (Cléo's is not, and she is reached as unfinished only)");

        ElectionCampaignView scheduled = campaigns.send(election, onRoll.id(),
                Instant.now().plus(1, ChronoUnit.HOURS).toString(), ORGANIZER);
        assertEquals("SCHEDULED", scheduled.state());
        assertEquals(0, scheduled.progress().queued(), "nothing goes before its time");
        execute("UPDATE voting.election_campaign SET send_at = now() - interval '1 second' WHERE campaign_id = '"
                + onRoll.id() + "'");
        ElectionCampaignView due = queued(election, onRoll.id()); // or the voting clock did it first: the same outcome
        assertEquals("QUEUED", due.state());
        assertEquals(2L, due.recipients());
        assertEquals(2, due.progress().queued());

        ElectionCampaignView cancelled = campaigns.cancel(election, byEmail.id());
        assertEquals("CANCELLED", cancelled.state());
        assertEquals("CANCELLED", cancelled.progress().status());
        assertField(ConflictException.class, "state", () -> campaigns.cancel(election, byEmail.id()));
        assertField(ConflictException.class, "state", () -> campaigns.send(election, byEmail.id(), null, ORGANIZER));
        assertEquals(3, campaigns.all(election).size());
    }

    @Test
    void anAudienceOfSeveralPagesIsQueuedWholeAndOnce() throws Exception {
        String election = openElection("Primaire nombreuse");
        int size = ElectionCampaigns.BATCH * 2 + 7;
        String tag = tag();
        fillRoll(election, "many-" + tag, size);
        ElectionCampaignView news = campaigns.create(election, new ElectionCampaigns.NewCampaign(null, null, "ON_ROLL",
                "EMAIL", "News", "Three pages of recipients."), ORGANIZER);
        assertEquals((long) size, campaigns.preview(election, news.id()).get("audienceNow"));
        campaigns.send(election, news.id(), null, ORGANIZER);
        ElectionCampaignView sent = queued(election, news.id());
        assertEquals((long) size, sent.recipients());
        assertEquals(size, sent.progress().queued(), "every page queued, none twice");
        assertEquals(0L, count("SELECT count(*) FROM notifications.outbox WHERE campaign_id = '" + news.id()
                + "' AND status = 'PENDING' AND next_attempt_at IS NULL"), "every queued message is due: none held");
        assertEquals("CANCELLED", campaigns.cancel(election, news.id()).state());
    }

    @Test
    void aSendInterruptedMidwayLetsItsQueuedPagesGoAndASecondSendAddsOnlyTheRest() throws Exception {
        String election = openElection("Primaire interrompue");
        int size = ElectionCampaigns.BATCH * 2 + 7;
        String tag = tag();
        fillRoll(election, "cut-" + tag, size);
        // one address the notifications module refuses stops the page it is in, whichever that is
        execute("UPDATE registration.registrant SET email = 'broken-" + tag + "' WHERE email = 'cut-" + tag
                + "-" + (size / 2) + "@example.org'");
        ElectionCampaignView news = campaigns.create(election, new ElectionCampaigns.NewCampaign(null, null, "ON_ROLL",
                "EMAIL", "News", "Sent in two goes."), ORGANIZER);

        campaigns.send(election, news.id(), null, ORGANIZER);
        ElectionCampaignView cut = queued(election, news.id());
        assertEquals("DRAFT", cut.state(), "not marked queued: its audience was not queued whole");
        assertTrue(cut.note().startsWith("stopped while queuing (recipients["), cut.note());
        assertTrue(cut.progress().queued() < size, "the page with the refused address is not queued");
        assertTrue(List.of("SENDING", "FINISHED").contains(cut.progress().status()),
                "what was queued is due: the campaign was started before its pages");

        execute("UPDATE registration.registrant SET email = 'cut-" + tag + "-" + (size / 2) + "@example.org'"
                + " WHERE email = 'broken-" + tag + "'");
        campaigns.send(election, news.id(), null, ORGANIZER);
        ElectionCampaignView sent = queued(election, news.id());
        assertEquals("QUEUED", sent.state());
        assertEquals((long) size, sent.recipients());
        assertEquals(size, sent.progress().queued(), "the second send added only the rest: nobody twice");
        assertEquals(0L, count("SELECT count(*) FROM notifications.outbox WHERE campaign_id = '" + news.id()
                + "' AND status = 'PENDING' AND next_attempt_at IS NULL"), "every queued message is due: none held");
        assertEquals("CANCELLED", campaigns.cancel(election, news.id()).state());
    }

    @Test
    void aCampaignWhoseInstanceDiedWhileQueuingIsTakenUpOnceItsLeaseRanOutAndNobodyGetsItTwice() throws Exception {
        String election = openElection("Primaire reprise");
        int size = ElectionCampaigns.BATCH + 500;
        String tag = tag();
        fillRoll(election, "dead-" + tag, size);
        ElectionCampaignView news = campaigns.create(election, new ElectionCampaigns.NewCampaign(null, null, "ON_ROLL",
                "EMAIL", "News", "Queued by two instances, one after the other."), ORGANIZER);
        // Another instance claimed it, started it, queued the first 500 of its audience, and died.
        execute("UPDATE voting.election_campaign SET state = 'QUEUING', send_at = now(), queued_by = 'o',"
                + " lease_until = now() + interval '1 hour' WHERE campaign_id = '" + news.id() + "'");
        notifications.startCampaign(UUID.fromString(news.id()));
        List<org.openprimary.notifications.boundary.CampaignRecipient> first = new java.util.ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            first.add(new org.openprimary.notifications.boundary.CampaignRecipient("dead-" + tag + "-" + i
                    + "@example.org", "fr", Map.of("firstName", "M"), null));
        }
        notifications.addRecipients(UUID.fromString(news.id()), first);

        campaigns.queueDue(news.id());
        assertEquals("QUEUING", campaigns.one(election, news.id()).state(), "its lease still holds: nobody else takes it");
        assertEquals(500, campaigns.one(election, news.id()).progress().queued());
        assertTrue(campaigns.due().stream().noneMatch(news.id()::equals), "not handed to the clock while it is held");

        execute("UPDATE voting.election_campaign SET lease_until = now() - interval '1 second' WHERE campaign_id = '"
                + news.id() + "'");
        assertTrue(campaigns.due().contains(news.id()), "once the lease ran out, the voting clock hands it over");
        ElectionCampaignView taken = queued(election, news.id());
        assertEquals("QUEUED", taken.state());
        assertEquals((long) size, taken.recipients());
        assertEquals(size, taken.progress().queued(), "the first 500 were not queued twice");
        assertEquals((long) size, count("SELECT count(DISTINCT recipient) FROM notifications.outbox WHERE campaign_id = '"
                + news.id() + "'"));
        assertEquals("CANCELLED", campaigns.cancel(election, news.id()).state());
    }

    @Test
    void aCampaignCancelledWhileBeingQueuedTakesNoMorePages() throws Exception {
        String election = openElection("Primaire annulée en route");
        String tag = tag();
        fillRoll(election, "stop-" + tag, 20);
        ElectionCampaignView news = campaigns.create(election, new ElectionCampaigns.NewCampaign(null, null, "ON_ROLL",
                "EMAIL", "News", "Cancelled on its way."), ORGANIZER);
        execute("UPDATE voting.election_campaign SET state = 'QUEUING', send_at = now(), queued_by = 'o',"
                + " lease_until = now() + interval '1 hour' WHERE campaign_id = '" + news.id() + "'");
        notifications.startCampaign(UUID.fromString(news.id()));
        List<org.openprimary.notifications.boundary.CampaignRecipient> page = List.of(
                new org.openprimary.notifications.boundary.CampaignRecipient("stop-" + tag + "-1@example.org", "fr",
                        Map.of("firstName", "M"), null));
        assertEquals(1, pages.add(UUID.fromString(news.id()), page, Instant.now()), "a page while it is being queued");

        assertEquals("CANCELLED", campaigns.cancel(election, news.id()).state(), "an organizer cancels it midway");
        assertEquals(-1, pages.add(UUID.fromString(news.id()), List.of(
                new org.openprimary.notifications.boundary.CampaignRecipient("stop-" + tag + "-2@example.org", "fr",
                        Map.of("firstName", "M"), null)), Instant.now()), "the queuing's next page is refused");
        assertFalse(pages.finish(news.id(), 20, Instant.now()), "and it is never marked queued");
        assertEquals(1L, count("SELECT count(*) FROM notifications.outbox WHERE campaign_id = '" + news.id() + "'"));
        assertEquals("CANCELLED", campaigns.one(election, news.id()).state());
    }

    @Test
    void whileVotersCastTheQueuingGoesInSmallPagesAndStillQueuesEveryoneOnce() throws Exception {
        String election = openElection("Primaire au ralenti");
        int size = ElectionCampaigns.BUSY_BATCH * 3 + 7;
        String tag = tag();
        fillRoll(election, "slow-" + tag, size);
        ElectionCampaignView news = campaigns.create(election, new ElectionCampaigns.NewCampaign(null, null, "ON_ROLL",
                "EMAIL", "News", "Queued while ballots are cast."), ORGANIZER);
        // voters keep casting (their marks, as the ballot box notes them) until the campaign is queued
        java.util.concurrent.atomic.AtomicBoolean voting = new java.util.concurrent.atomic.AtomicBoolean(true);
        activity.cast();
        Thread voters = new Thread(() -> {
            while (voting.get()) {
                activity.cast();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        voters.start();
        ElectionCampaignView sent;
        try {
            campaigns.send(election, news.id(), null, ORGANIZER);
            sent = queued(election, news.id());
        } finally {
            voting.set(false);
            voters.join();
        }
        assertEquals("QUEUED", sent.state());
        assertEquals(size, sent.progress().queued(), "everyone, once");
        // each page is its own transaction, stamped with its own time
        assertEquals(4L, count("SELECT count(DISTINCT created_at) FROM notifications.outbox WHERE campaign_id = '"
                + news.id() + "'"), "pages of " + ElectionCampaigns.BUSY_BATCH + " while voters cast, not one of "
                + ElectionCampaigns.BATCH);
        assertEquals("CANCELLED", campaigns.cancel(election, news.id()).state());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDraftsTextIsReadBackAndCorrectedUntilItGoes() throws Exception {
        String election = openElection("Primaire corrigée");
        String tag = tag();
        registrant(election, "Ana", "+3362" + tag + "01", "ana.fix." + tag + "@example.org", true, true, "ON_ROLL");
        ElectionCampaignView draft = campaigns.create(election, new ElectionCampaigns.NewCampaign("Meeting", null,
                "ON_ROLL", "EMAIL", "Meeting tonigth", "See you at 19:00."), ORGANIZER);
        assertEquals("Meeting tonigth", draft.subject(), "the draft's text is read back as written");
        assertEquals("See you at 19:00.", draft.body());

        ElectionCampaignView fixed = campaigns.revise(election, draft.id(), new ElectionCampaigns.NewCampaign(null, null,
                null, null, "Meeting tonight", null));
        assertEquals("Meeting tonight", fixed.subject());
        assertEquals("See you at 19:00.", fixed.body(), "a field left out stays");
        assertEquals("Meeting", fixed.name());
        List<CampaignPreview> messages = (List<CampaignPreview>) campaigns.preview(election, draft.id()).get("messages");
        assertEquals("Meeting tonight", messages.get(0).subject(), "the preview shows the corrected text");

        assertField(InvalidInputException.class, "audience", () -> campaigns.revise(election, draft.id(),
                new ElectionCampaigns.NewCampaign(null, null, "REGISTERED", null, null, null)));
        assertField(InvalidInputException.class, "body", () -> campaigns.revise(election, draft.id(),
                new ElectionCampaigns.NewCampaign(null, null, null, null, null, " ")));
        assertEquals("See you at 19:00.", campaigns.one(election, draft.id()).body(), "a refused correction changes nothing");

        campaigns.send(election, draft.id(), null, ORGANIZER);
        assertField(ConflictException.class, "state", () -> campaigns.revise(election, draft.id(),
                new ElectionCampaigns.NewCampaign(null, null, null, null, "Too late", null)));
        queued(election, draft.id());
        notifications.dispatchNow();
        List<OutboxView> toAna = notifications.history("ana.fix." + tag + "@example.org");
        assertEquals(1, toAna.size());
        assertEquals("Meeting tonight", toAna.get(0).subject(), "what went is the corrected text");
    }

    @Test
    void badCampaignsAreRefusedNamingTheField() throws Exception {
        String election = openElection("Primaire des refus");
        assertField(InvalidInputException.class, "channel", () -> campaigns.create(election,
                new ElectionCampaigns.NewCampaign(null, null, "UNVERIFIED", "SMS", null, "Finish!"), ORGANIZER));
        assertField(InvalidInputException.class, "channel", () -> campaigns.create(election,
                new ElectionCampaigns.NewCampaign(null, null, "ON_ROLL", "PIGEON", null, "Hi"), ORGANIZER));
        assertField(InvalidInputException.class, "audience", () -> campaigns.create(election,
                new ElectionCampaigns.NewCampaign(null, null, "EVERYONE", "SMS", null, "Hi"), ORGANIZER));
        assertField(InvalidInputException.class, "kind", () -> campaigns.create(election,
                new ElectionCampaigns.NewCampaign(null, "SPAM", "ON_ROLL", "SMS", null, "Hi"), ORGANIZER));
        assertField(InvalidInputException.class, "subject", () -> campaigns.create(election,
                new ElectionCampaigns.NewCampaign(null, null, "ON_ROLL", "EMAIL", null, "Hi"), ORGANIZER));
        assertField(InvalidInputException.class, "subject", () -> campaigns.create(election,
                new ElectionCampaigns.NewCampaign(null, null, "ON_ROLL", "EMAIL", "Two\nlines", "Hi"), ORGANIZER));
        assertField(InvalidInputException.class, "body", () -> campaigns.create(election,
                new ElectionCampaigns.NewCampaign(null, null, "ON_ROLL", "SMS", null, "x".repeat(481)), ORGANIZER));
        assertField(InvalidInputException.class, "body", () -> campaigns.create(election,
                new ElectionCampaigns.NewCampaign(null, null, "ON_ROLL", "SMS", null, "bell \u0007"), ORGANIZER));
        assertField(InvalidInputException.class, "body", () -> campaigns.create(election,
                new ElectionCampaigns.NewCampaign(null, null, "ON_ROLL", "SMS", null, "right-to-left \u202E"), ORGANIZER));
        assertField(ConflictException.class, "audience", () -> campaigns.create(election,
                new ElectionCampaigns.NewCampaign(null, "REMINDER", null, "SMS", null, null), ORGANIZER));
        assertField(InvalidInputException.class, "audience", () -> campaigns.create(election,
                new ElectionCampaigns.NewCampaign(null, "REMINDER", "ON_ROLL", "SMS", null, null), ORGANIZER));
        ElectionCampaignView draft = campaigns.create(election,
                new ElectionCampaigns.NewCampaign(null, null, "ON_ROLL", "SMS", null, "Hi"), ORGANIZER);
        assertField(InvalidInputException.class, "at", () -> campaigns.send(election, draft.id(), "tomorrow", ORGANIZER));
        assertField(InvalidInputException.class, "at", () -> campaigns.send(election, draft.id(),
                Instant.now().minusSeconds(60).toString(), ORGANIZER));
        assertField(org.openprimary.common.NotFoundException.class, "campaign",
                () -> campaigns.one(election, UUID.randomUUID().toString()));
        String other = openElection("Une autre primaire");
        assertField(org.openprimary.common.NotFoundException.class, "campaign", () -> campaigns.one(other, draft.id()),
                "a campaign is reached through its own election only");
        assertEquals(List.of(draft.id()), campaigns.all(election).stream().map(ElectionCampaignView::id).toList(),
                "nothing refused was written");
    }

    @Test
    void aReminderGoesToThoseWhoHaveNotVotedAndIsWithdrawnByTheVotersMark() throws Exception {
        String election = openElection("Primaire des rappels");
        String tag = tag();
        UUID ana = registrant(election, "Ana", "+3362" + tag + "01", null, true, false, "ON_ROLL");
        UUID ben = registrant(election, "Ben", "+3362" + tag + "02", null, true, false, "ON_ROLL");
        UUID cleo = registrant(election, "Cléo", "+3362" + tag + "03", null, true, false, "ON_ROLL");
        UUID dan = registrant(election, "Dan", "+3362" + tag + "04", null, true, false, "ON_ROLL");
        UUID anaVoter = UUID.randomUUID();
        UUID benVoter = UUID.randomUUID();
        UUID cleoVoter = UUID.randomUUID();
        UUID danVoter = UUID.randomUUID();
        casts.addVoter(election, anaVoter, ana, hash(1));
        casts.addVoter(election, benVoter, ben, hash(2));
        casts.addVoter(election, cleoVoter, cleo, hash(3));
        casts.addVoter(election, danVoter, dan, hash(4));
        Instant opens = Instant.now().minusSeconds(60);
        Instant closes = Instant.now().plus(2, ChronoUnit.HOURS);
        execute("UPDATE voting.election SET state = 'SEALED', voting_opens_at = '" + Instant.now().plusSeconds(600)
                + "', voting_closes_at = '" + closes + "', seal_fingerprint = 'f', seal_proposed_by = 'o',"
                + " sealed_by = 'b', registration_closed_at = now() WHERE id = '" + election + "'");
        execute("UPDATE voting.voter SET struck_off_at = now() WHERE id = '" + danVoter + "'");

        List<ElectionCampaignView> reminders = campaigns.scheduleReminders(election, List.of("SMS", "email"),
                List.of(Instant.now().plus(1, ChronoUnit.HOURS).toString()), ORGANIZER);
        assertEquals(2, reminders.size(), "one a channel");
        assertTrue(reminders.stream().allMatch(r -> r.state().equals("SCHEDULED") && r.kind().equals("REMINDER")
                && r.audience().equals("NOT_VOTED")));
        assertField(InvalidInputException.class, "at[0]", () -> campaigns.scheduleReminders(election, List.of("SMS"),
                List.of(closes.plusSeconds(60).toString()), ORGANIZER));
        ElectionCampaignView reminder = campaigns.create(election, new ElectionCampaigns.NewCampaign(null, "REMINDER",
                null, "SMS", null, null), ORGANIZER);
        assertField(ConflictException.class, "audience", () -> campaigns.send(election, reminder.id(), null, ORGANIZER),
                "nobody is reminded before voting opens");

        execute("UPDATE voting.election SET state = 'VOTING', rehearsal_passed_at = now(), voting_opens_at = '" + opens
                + "' WHERE id = '"
                + election + "'");
        casts.cast(election, cleoVoter, new byte[] {1, 2, 3});
        assertEquals("QUEUING", probe.sendPaused(election, reminder.id()).state());
        ElectionCampaignView held = queued(election, reminder.id());
        assertEquals("PAUSED", held.progress().status(), "queued held: the campaign was paused before its pages");
        assertEquals(2L, held.recipients(), "Ana and Ben: Cléo voted, Dan was struck off");
        assertEquals(2, held.progress().waiting());

        casts.cast(election, benVoter, new byte[] {4, 5, 6});
        ElectionCampaignView afterBen = campaigns.one(election, reminder.id());
        assertEquals(1, afterBen.progress().withdrawn(), "Ben voted: his reminder is withdrawn with his mark");
        assertEquals(1, afterBen.progress().waiting());

        notifications.resumeCampaign(UUID.fromString(reminder.id()));
        notifications.dispatchNow();
        assertEquals(List.of("SENT"), notifications.history("+3362" + tag + "01").stream().map(OutboxView::status)
                .toList(), "Ana got hers");
        assertEquals("voting.reminder", notifications.history("+3362" + tag + "01").get(0).template());
        assertEquals(List.of("WITHDRAWN"), notifications.history("+3362" + tag + "02").stream().map(OutboxView::status)
                .toList(), "Ben's never went");
        assertTrue(notifications.history("+3362" + tag + "03").isEmpty(), "Cléo had voted");
        assertTrue(notifications.history("+3362" + tag + "04").isEmpty(), "Dan was struck off");
        ElectionCampaignView done = campaigns.one(election, reminder.id());
        assertEquals(1, done.progress().sent());
        assertEquals(1, done.progress().withdrawn());

        // After the close, a reminder due then is not sent: it is cancelled with the reason.
        execute("UPDATE voting.election_campaign SET send_at = now() - interval '1 second' WHERE campaign_id = '"
                + reminders.get(0).id() + "'");
        execute("UPDATE voting.election SET state = 'CLOSED', voting_opens_at = '" + opens.minusSeconds(60)
                + "', voting_closes_at = '" + Instant.now().minusSeconds(1) + "', voting_closed_at = now() WHERE id = '"
                + election + "'");
        ElectionCampaignView late = queued(election, reminders.get(0).id());
        assertEquals("CANCELLED", late.state());
        assertTrue(late.note().startsWith("not sent at its time"), late.note());
        assertEquals(0, late.progress().queued());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /**
     * Queues a sent or due campaign here (the managed executor or the voting clock may be doing it
     * already: then this waits for them) and returns it once it is no longer being queued.
     */
    private ElectionCampaignView queued(String election, String campaign) throws InterruptedException {
        campaigns.queueDue(campaign);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        ElectionCampaignView now = campaigns.one(election, campaign);
        while (now.state().equals("QUEUING") || now.state().equals("SCHEDULED")) {
            assertTrue(System.nanoTime() < deadline, "still " + now.state() + " after a minute");
            Thread.sleep(50);
            now = campaigns.one(election, campaign);
        }
        return now;
    }

    private String openElection(String title) {
        ElectionView draft = elections.draft(DraftElection.of(title, List.of("Alice", "Bob"), null), ORGANIZER);
        elections.openRegistration(draft.id(), ORGANIZER);
        return draft.id();
    }

    /** A registrant written as registration leaves one, with the factors verified as said. */
    private UUID registrant(String election, String firstName, String phone, String email, boolean phoneVerified,
            boolean emailVerified, String status) throws SQLException {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO registration.registrant (id, election_id, first_name, last_name, phone_e164, email,"
                        + " email_normalized, language, charter_version, privacy_version, resume_token_hash, status,"
                        + " registered_at, phone_verified_at, email_verified_at, on_roll_at, struck_off_at,"
                        + " struck_off_reason) VALUES (?, ?, ?, 'Test', ?, ?, ?, 'fr', '1', '1', ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id.toString());
            insert.setString(2, election);
            insert.setString(3, firstName);
            insert.setString(4, phone);
            insert.setString(5, email);
            insert.setString(6, email == null ? null : email.toLowerCase(java.util.Locale.ROOT));
            insert.setString(7, String.format("%064x", new java.math.BigInteger(1, id.toString().getBytes())).substring(0, 64));
            insert.setString(8, status);
            insert.setTimestamp(9, now);
            insert.setTimestamp(10, phoneVerified ? now : null);
            insert.setTimestamp(11, emailVerified ? now : null);
            insert.setTimestamp(12, status.equals("PENDING") ? null : now);
            insert.setTimestamp(13, status.equals("STRUCK_OFF") ? now : null);
            insert.setString(14, status.equals("STRUCK_OFF") ? "DUPLICATE" : null);
            insert.executeUpdate();
        }
        return id;
    }

    /** {@code size} registrants on the roll, each with a verified email {@code prefix-i@example.org}. */
    private void fillRoll(String election, String prefix, int size) throws SQLException {
        execute("INSERT INTO registration.registrant (id, election_id, first_name, last_name, email, email_normalized,"
                + " language, charter_version, privacy_version, resume_token_hash, status, registered_at,"
                + " email_verified_at, on_roll_at) SELECT gen_random_uuid()::text, '" + election + "', 'M', 'N', e, e, 'fr',"
                + " '1', '1', encode(sha256(convert_to(e, 'UTF8')), 'hex'), 'ON_ROLL', now(), now(), now() FROM"
                + " (SELECT '" + prefix + "-' || i || '@example.org' AS e FROM generate_series(1, " + size + ") AS i) g");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String tag() {
        return String.format("%06d", new java.util.Random().nextInt(1_000_000));
    }

    private static String hash(int n) {
        return String.format("%064x", System.nanoTime() * 10 + n).substring(0, 64);
    }

    private static void assertField(Class<? extends DomainException> type, String field,
            org.junit.jupiter.api.function.Executable call) {
        assertField(type, field, call, "refused on " + field);
    }

    private static void assertField(Class<? extends DomainException> type, String field,
            org.junit.jupiter.api.function.Executable call, String message) {
        Throwable thrown = assertThrows(Throwable.class, call, message);
        while (thrown instanceof jakarta.ejb.EJBException && thrown.getCause() != null) {
            thrown = thrown.getCause();
        }
        assertTrue(type.isInstance(thrown), message + ": " + thrown);
        assertEquals(field, ((DomainException) thrown).field().orElse(null), message + ": " + thrown.getMessage());
        assertFalse(thrown.getMessage().isBlank());
    }
}
