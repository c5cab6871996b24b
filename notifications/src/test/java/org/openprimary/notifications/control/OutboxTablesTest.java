package org.openprimary.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openprimary.common.migration.SchemaMigrator;
import org.openprimary.testing.PostgresSession;

/**
 * The outbox's SQL in the real PostgreSQL: the dispatcher's claim (shared by instances with
 * {@code FOR UPDATE SKIP LOCKED}, transactional messages first, held campaign messages never), and
 * the campaigns' batch insert (idempotent, unsubscribed addresses skipped).
 */
class OutboxTablesTest {

    private static final DataSource DB = PostgresSession.dataSource();
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Pattern PARAMETER = Pattern.compile("\\?(\\d+)");

    @BeforeAll
    static void migrate() {
        SchemaMigrator.migrate(DB, "notifications", OutboxTablesTest.class.getClassLoader());
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = DB.getConnection()) {
            c.createStatement().execute("DELETE FROM notifications.outbox");
            c.createStatement().execute("DELETE FROM notifications.campaign");
            c.createStatement().execute("DELETE FROM notifications.subscription");
        }
    }

    /** Runs a JPA-style native statement ({@code ?1}, {@code ?2} ...) through JDBC. */
    private static PreparedStatement prepare(Connection c, String sql, Object... values) throws SQLException {
        Matcher matcher = PARAMETER.matcher(sql);
        List<Integer> order = new ArrayList<>();
        while (matcher.find()) {
            order.add(Integer.parseInt(matcher.group(1)));
        }
        PreparedStatement statement = c.prepareStatement(matcher.replaceAll("?"));
        for (int i = 0; i < order.size(); i++) {
            statement.setObject(i + 1, values[order.get(i) - 1]);
        }
        return statement;
    }

    private static Set<Long> claim(Connection c, int limit) throws SQLException {
        return claim(c, NOW, limit);
    }

    private static long queue(Connection c, String recipient, Instant due, int priority) throws SQLException {
        return queue(c, "EMAIL", recipient, due, priority);
    }

    private static long queue(Connection c, String channel, String recipient, Instant due, int priority)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO notifications.outbox (channel, recipient,"
                + " template, locale, status, created_at, next_attempt_at, priority) VALUES (?, ?, 'registration.on-roll',"
                + " 'fr', 'PENDING', ?, ?, ?) RETURNING id")) {
            insert.setString(1, channel);
            insert.setString(2, recipient);
            insert.setTimestamp(3, Timestamp.from(NOW));
            insert.setTimestamp(4, due == null ? null : Timestamp.from(due));
            insert.setInt(5, priority);
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        }
    }

    @Test
    void twoInstancesClaimingAtOnceNeverShareAMessage() throws SQLException {
        Set<Long> queued = new HashSet<>();
        try (Connection c = DB.getConnection()) {
            for (int i = 0; i < 10; i++) {
                queued.add(queue(c, "r" + i + "@example.org", NOW.minusSeconds(1), 0));
            }
        }
        try (Connection first = DB.getConnection(); Connection second = DB.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            // Without SKIP LOCKED the second claim would wait for the first: fail instead of hanging.
            second.createStatement().execute("SET lock_timeout = '5s'");
            Set<Long> a = claim(first, 6);
            // The first instance's transaction is still open: its rows are locked, not waited for.
            Set<Long> b = claim(second, 6);
            first.commit();
            second.commit();
            assertEquals(6, a.size());
            assertEquals(4, b.size());
            Set<Long> both = new HashSet<>(a);
            both.addAll(b);
            assertEquals(queued, both, "every message claimed once");
        }
    }

    @Test
    void transactionalMessagesGoBeforeCampaignsAndHeldOrFutureOnesWait() throws SQLException {
        try (Connection c = DB.getConnection()) {
            long campaign = queue(c, "campaign@example.org", NOW.minusSeconds(600), 1);
            long held = queue(c, "held@example.org", null, 1);
            long later = queue(c, "later@example.org", NOW.plusSeconds(60), 0);
            long code = queue(c, "code@example.org", NOW.minusSeconds(1), 0);
            assertEquals(Set.of(code), claim(c, 1), "the transactional message first, though queued last");
            assertEquals(Set.of(campaign), claim(c, 5));
            assertEquals(Set.of(), claim(c, 5), "held (" + held + ") and future (" + later + ") messages wait");
        }
    }

    @Test
    void eachChannelIsClaimedOnItsOwnSoOnePacedBacklogNeverHoldsTheOtherBack() throws SQLException {
        try (Connection c = DB.getConnection()) {
            Set<Long> sms = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                sms.add(queue(c, "SMS", "+3361234567" + i, NOW.minusSeconds(600), 1));
            }
            long email = queue(c, "EMAIL", "link@example.org", NOW.minusSeconds(1), 0);
            assertEquals(Set.of(email), claim(c, "EMAIL", NOW, 10), "the email thread sees only email, however old"
                    + " the SMS backlog");
            assertEquals(sms, claim(c, "SMS", NOW, 10), "and the SMS thread only SMS");
        }
    }

    @Test
    void aLapsedClaimIsTakenAgainAndCountedAsAnotherAttempt() throws SQLException {
        try (Connection c = DB.getConnection()) {
            long id = queue(c, "crash@example.org", NOW.minusSeconds(1), 0);
            c.createStatement().execute("UPDATE notifications.outbox SET status = 'SENDING', attempts = 1,"
                    + " claimed_until = '" + Timestamp.from(NOW.minusSeconds(1)) + "'::timestamp WHERE id = " + id);
            assertEquals(Set.of(id), claim(c, 5), "an instance died while sending it: another takes it over");
            try (ResultSet row = c.createStatement().executeQuery(
                    "SELECT attempts, status FROM notifications.outbox WHERE id = " + id)) {
                row.next();
                assertEquals(2, row.getInt(1));
                assertEquals("SENDING", row.getString(2));
            }
        }
    }

    @Test
    void aCampaignWhoseInstanceDiedMidBatchResumesWithNoMessageLostOrSentTwice() throws SQLException {
        List<Long> handed = new ArrayList<>(); // what the provider received, in order
        try (Connection c = DB.getConnection()) {
            String campaign = campaign(c);
            assertEquals(250, addBatch(c, campaign, false, NOW.minusSeconds(1), recipients(0, 250)));

            // Instance A claims a batch, hands 60 of its messages over (each marked SENT in its own
            // transaction, as OutboxDelivery does), and dies with the other 40 still claimed.
            List<Long> a = new ArrayList<>(claim(c, NOW, 100));
            java.util.Collections.sort(a);
            for (Long id : a.subList(0, 60)) {
                handed.add(id);
                c.createStatement().execute("UPDATE notifications.outbox SET status = 'SENT' WHERE id = " + id);
            }
            // Instance B goes on while A's lease runs: it never gets A's claimed messages.
            Set<Long> b = claim(c, NOW.plusSeconds(30), 1000);
            assertEquals(150, b.size());
            assertTrue(java.util.Collections.disjoint(b, a), "a live lease is not taken");
            for (Long id : b) {
                handed.add(id);
                c.createStatement().execute("UPDATE notifications.outbox SET status = 'SENT' WHERE id = " + id);
            }
            // A's lease lapses: its 40 unsent messages are taken over, its 60 sent ones never again.
            Set<Long> resumed = claim(c, NOW.plusSeconds(121), 1000);
            assertEquals(new HashSet<>(a.subList(60, 100)), resumed);
            handed.addAll(resumed);
            for (Long id : resumed) {
                c.createStatement().execute("UPDATE notifications.outbox SET status = 'SENT' WHERE id = " + id);
            }
            assertEquals(Set.of(), claim(c, NOW.plusSeconds(600), 1000), "nothing is left to send");
            assertEquals(250, handed.size(), "each message handed over once");
            assertEquals(250, new HashSet<>(handed).size(), "none twice");
            try (ResultSet counts = c.createStatement().executeQuery("SELECT count(*), count(DISTINCT recipient)"
                    + " FROM notifications.outbox WHERE campaign_id = '" + campaign + "' AND status = 'SENT'")) {
                counts.next();
                assertEquals(250, counts.getInt(1), "every recipient's message is sent");
                assertEquals(250, counts.getInt(2), "to 250 different recipients");
            }
        }
    }

    private static Set<Long> claim(Connection c, Instant now, int limit) throws SQLException {
        return claim(c, "EMAIL", now, limit);
    }

    private static Set<Long> claim(Connection c, String channel, Instant now, int limit) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (PreparedStatement claim = prepare(c, OutboxDelivery.CLAIM, Timestamp.from(now.plusSeconds(120)),
                Timestamp.from(now), limit, channel); ResultSet rows = claim.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private static int addBatch(Connection c, String campaign, boolean optional, Instant due, String json)
            throws SQLException {
        try (PreparedStatement insert = prepare(c, CampaignQueue.insert(optional), "EMAIL", "campaign.announcement",
                campaign, Timestamp.from(NOW), due == null ? null : Timestamp.from(due), json)) {
            return insert.executeUpdate();
        }
    }

    private static String campaign(Connection c) throws SQLException {
        String id = UUID.randomUUID().toString();
        c.createStatement().execute("INSERT INTO notifications.campaign (id, name, channel, template, parameters,"
                + " status, created_by, created_at, status_changed_at) VALUES ('" + id + "', 'News', 'EMAIL',"
                + " 'campaign.announcement', '{}', 'SENDING', 'test', now(), now())");
        return id;
    }

    private static String recipients(int from, int to) {
        StringBuilder json = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            json.append(i == from ? "" : ",").append("{\"recipient\":\"r").append(i)
                    .append("@example.org\",\"language\":\"").append(i % 2 == 0 ? "fr" : "en")
                    .append("\",\"parameters\":{\"n\":\"").append(i).append("\"}}");
        }
        return json.append("]").toString();
    }

    @Test
    void aBatchHandedTwiceQueuesEachRecipientOnceAndSkipsWhoUnsubscribed() throws SQLException {
        try (Connection c = DB.getConnection()) {
            c.createStatement().execute("INSERT INTO notifications.subscription (channel, address, token, created_at,"
                    + " unsubscribed_at) VALUES ('EMAIL', 'r3@example.org', 't3', now(), now()),"
                    + " ('EMAIL', 'r4@example.org', 't4', now(), NULL)");
            String campaign = campaign(c);
            assertEquals(5_000, addBatch(c, campaign, true, NOW, recipients(0, 5_000)));
            assertEquals(1_000, addBatch(c, campaign, true, NOW, recipients(4_000, 6_000)),
                    "after a crash the batch is handed again: only the new recipients are added");
            try (ResultSet counts = c.createStatement().executeQuery("SELECT status, count(*),"
                    + " count(DISTINCT recipient), min(priority) FROM notifications.outbox WHERE campaign_id = '"
                    + campaign + "' GROUP BY status ORDER BY status")) {
                counts.next();
                assertEquals("PENDING", counts.getString(1));
                assertEquals(5_999, counts.getLong(2));
                assertEquals(5_999, counts.getLong(3));
                assertEquals(1, counts.getInt(4), "a campaign's messages yield to transactional ones");
                counts.next();
                assertEquals("SKIPPED", counts.getString(1));
                assertEquals(1, counts.getLong(2), "r3 unsubscribed; r4 only has a token");
            }
            try (ResultSet message = c.createStatement().executeQuery("SELECT locale, parameters FROM"
                    + " notifications.outbox WHERE recipient = 'r7@example.org'")) {
                message.next();
                assertEquals("en", message.getString(1));
                assertEquals("{\"n\": \"7\"}", message.getString(2));
            }
        }
    }

    @Test
    void anEssentialCampaignIgnoresUnsubscribesAndADraftsMessagesAreHeld() throws SQLException {
        try (Connection c = DB.getConnection()) {
            c.createStatement().execute("INSERT INTO notifications.subscription (channel, address, token, created_at,"
                    + " unsubscribed_at) VALUES ('EMAIL', 'r1@example.org', 't1', now(), now())");
            String campaign = campaign(c);
            assertEquals(3, addBatch(c, campaign, false, null, recipients(0, 3)));
            assertEquals(Set.of(), claim(c, 10), "held until the campaign starts");
            try (ResultSet skipped = c.createStatement().executeQuery("SELECT count(*) FROM notifications.outbox"
                    + " WHERE status = 'SKIPPED'")) {
                skipped.next();
                assertEquals(0, skipped.getLong(1));
            }
        }
    }

    /**
     * Whatever statement ends a message, the database forgets its parameters (a voting link's
     * credential, a ballot's receipt) and any rendered text but the demo console's; a message that may
     * still go keeps them.
     */
    @Test
    void aMessageThatCameToAnEndKeepsNoParametersWhicheverStatementEndedIt() throws SQLException {
        String secret = "{\"receipt\":\"" + "ab".repeat(32) + "\"}";
        try (Connection c = DB.getConnection()) {
            long pending = queue(c, "a@example.org", NOW, 0);
            long sentBySmtp = queue(c, "b@example.org", NOW, 0);
            long sentToConsole = queue(c, "c@example.org", NOW, 0);
            long adopted = queue(c, "SMS", "+33612345678", NOW, 0);
            long withdrawn = queue(c, "d@example.org", NOW, 1);
            c.createStatement().execute("UPDATE notifications.outbox SET parameters = '" + secret + "'");
            assertEquals(Set.of(pending, sentBySmtp, sentToConsole), claim(c, "EMAIL", NOW, 3), "the oldest first");
            assertEquals(secret, column(c, pending, "parameters"), "claimed: it still has to be rendered");

            c.createStatement().execute("UPDATE notifications.outbox SET status = 'SENT', provider = 'smtp',"
                    + " rendered_text = 'Your receipt: " + "ab".repeat(32) + "' WHERE id = " + sentBySmtp);
            c.createStatement().execute("UPDATE notifications.outbox SET status = 'SENT', provider = 'console',"
                    + " rendered_text = 'the demo mailbox' WHERE id = " + sentToConsole);
            c.createStatement().execute("UPDATE notifications.outbox SET withdraw_key = 'k' WHERE id = " + withdrawn);
            String message = (String) rows(c, "SELECT message_id FROM notifications.outbox WHERE id = " + adopted)
                    .get(0);
            try (PreparedStatement adopt = prepare(c, DeliveryReports.ADOPT, "SM1", Timestamp.from(NOW), "sent", null,
                    message)) {
                assertEquals(1, adopt.executeUpdate());
            }
            try (PreparedStatement withdraw = c.prepareStatement("UPDATE notifications.outbox SET status = 'WITHDRAWN'"
                    + " WHERE withdraw_key = 'k' AND status = 'PENDING'")) {
                assertEquals(1, withdraw.executeUpdate());
            }

            assertEquals(secret, column(c, pending, "parameters"));
            for (long ended : List.of(sentBySmtp, sentToConsole, adopted, withdrawn)) {
                assertEquals("{}", column(c, ended, "parameters"), "message " + ended);
            }
            assertEquals(null, column(c, sentBySmtp, "rendered_text"), "a provider's copy is the recipient's");
            assertEquals("the demo mailbox", column(c, sentToConsole, "rendered_text"));
            c.createStatement().execute("INSERT INTO notifications.outbox (channel, recipient, template, locale, status,"
                    + " created_at, parameters) VALUES ('EMAIL', 'e@example.org', 'voting.opened', 'fr', 'SKIPPED', now(), '"
                    + secret + "')");
            assertEquals(0L, ((Number) rows(c, "SELECT count(*) FROM notifications.outbox WHERE status <> 'PENDING'"
                    + " AND status <> 'SENDING' AND parameters <> '{}'").get(0)).longValue());
        }
    }

    private static Object column(Connection c, long id, String column) throws SQLException {
        return rows(c, "SELECT " + column + " FROM notifications.outbox WHERE id = " + id).get(0);
    }

    private static List<Object> rows(Connection c, String sql) throws SQLException {
        List<Object> values = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(sql); ResultSet result = query.executeQuery()) {
            while (result.next()) {
                values.add(result.getObject(1));
            }
        }
        return values;
    }
}
