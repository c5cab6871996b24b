package org.openprimary.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openprimary.common.migration.SchemaMigrator;
import org.openprimary.testing.PostgresSession;

/**
 * Delivery reports and deliverability in the real PostgreSQL: Twilio's status callbacks recorded
 * whatever their order and however often they come, the campaign counts they move, and the counts
 * per email domain and phone country with their alerts.
 */
class DeliveryTablesTest {

    private static final DataSource DB = PostgresSession.dataSource();
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Pattern PARAMETER = Pattern.compile("\\?(\\d+)");
    private static final Deliverability.Thresholds THRESHOLDS = new Deliverability.Thresholds(20, 0.2, 6, 5);

    @BeforeAll
    static void migrate() {
        SchemaMigrator.migrate(DB, "notifications", DeliveryTablesTest.class.getClassLoader());
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = DB.getConnection()) {
            c.createStatement().execute("DELETE FROM notifications.outbox");
            c.createStatement().execute("DELETE FROM notifications.campaign");
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

    private static List<Object[]> rows(Connection c, String sql, Object... values) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement query = prepare(c, sql, values); ResultSet result = query.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = result.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String sid(int n) {
        return String.format("SM%032x", n);
    }

    /** An outbox row as the dispatcher leaves it. */
    private static long row(Connection c, String channel, String recipient, String status, Instant sentAt,
            Instant nextAttemptAt, int attempts, String providerId, String campaign) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO notifications.outbox (channel, recipient,"
                + " template, locale, status, created_at, sent_at, next_attempt_at, attempts, provider, provider_id,"
                + " campaign_id, priority) VALUES (?, ?, 'voting.opened', 'fr', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            insert.setString(1, channel);
            insert.setString(2, recipient);
            insert.setString(3, status);
            insert.setTimestamp(4, Timestamp.from(NOW.minus(Duration.ofDays(10))));
            insert.setTimestamp(5, sentAt == null ? null : Timestamp.from(sentAt));
            insert.setTimestamp(6, nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt));
            insert.setInt(7, attempts);
            insert.setString(8, providerId == null ? null : channel.equals("SMS") ? "twilio" : "smtp");
            insert.setString(9, providerId);
            insert.setString(10, campaign);
            insert.setInt(11, campaign == null ? 0 : 1);
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        }
    }

    private static long sentSms(Connection c, String to, int sid, String campaign) throws SQLException {
        return row(c, "SMS", to, "SENT", NOW.minusSeconds(60), NOW.minusSeconds(61), 1, sid(sid), campaign);
    }

    /** What the webhook does with a callback once its signature is checked, through the real statements. */
    private static DeliveryReports.Outcome report(Connection c, int sid, String status, String errorCode)
            throws SQLException {
        Map<String, String> form = new java.util.HashMap<>(Map.of("MessageSid", sid(sid), "MessageStatus", status,
                "AccountSid", "AC00000000000000000000000000000001", "To", "+33612345678"));
        if (errorCode != null) {
            form.put("ErrorCode", errorCode);
        }
        Optional<DeliveryReports.StatusReport> parsed = DeliveryReports.StatusReport.of(form);
        if (parsed.isEmpty()) {
            return DeliveryReports.Outcome.IGNORED;
        }
        return record(c, parsed.get());
    }

    private static DeliveryReports.Outcome record(Connection c, DeliveryReports.StatusReport r) throws SQLException {
        return record(c, r, null);
    }

    /** {@link DeliveryReports#record}'s statements, in its order; {@code message} the callback URL's {@code m}. */
    private static DeliveryReports.Outcome record(Connection c, DeliveryReports.StatusReport r, String message)
            throws SQLException {
        try (PreparedStatement update = prepare(c, DeliveryReports.RECORD, r.status(), Timestamp.from(NOW),
                r.errorCode().orElse(null), r.messageSid(), r.rank())) {
            if (update.executeUpdate() > 0) {
                return DeliveryReports.Outcome.RECORDED;
            }
        }
        long known = ((Number) rows(c, DeliveryReports.KNOWN, r.messageSid()).get(0)[0]).longValue();
        if (known > 0) {
            return DeliveryReports.Outcome.ALREADY_KNOWN;
        }
        if (message != null) {
            try (PreparedStatement adopt = prepare(c, DeliveryReports.ADOPT, r.messageSid(), Timestamp.from(NOW),
                    r.status(), r.errorCode().orElse(null), message)) {
                if (adopt.executeUpdate() > 0) {
                    return DeliveryReports.Outcome.ADOPTED;
                }
            }
        }
        return DeliveryReports.Outcome.UNKNOWN_MESSAGE;
    }

    private static DeliveryReports.Outcome reportNaming(Connection c, String message, int sid, String status)
            throws SQLException {
        return record(c, DeliveryReports.StatusReport.of(Map.of("MessageSid", sid(sid), "MessageStatus", status,
                "AccountSid", "AC00000000000000000000000000000001", "To", "+33612345678")).orElseThrow(), message);
    }

    private static String messageId(Connection c, long id) throws SQLException {
        return String.valueOf(rows(c, "SELECT message_id FROM notifications.outbox WHERE id = ?1", id).get(0)[0]);
    }

    @Test
    void aHandOverWhoseCommitWasLostIsRecordedByTwiliosReportAndNeverClaimedAgain() throws SQLException {
        try (Connection c = DB.getConnection()) {
            // claimed and handed to Twilio by an instance that died before recording it: SENDING, no SID
            long lost = row(c, "SMS", "+33612345678", "SENDING", null, NOW.minusSeconds(30), 1, null, null);
            c.createStatement().execute("UPDATE notifications.outbox SET claimed_until = now() + interval '2 minutes'"
                    + " WHERE id = " + lost);
            assertEquals(DeliveryReports.Outcome.ADOPTED, reportNaming(c, messageId(c, lost), 70, "sent"));
            assertEquals("SENT", delivery(c, lost)[2]);
            assertEquals("sent", delivery(c, lost)[0]);
            assertEquals(sid(70), rows(c, "SELECT provider_id FROM notifications.outbox WHERE id = ?1", lost).get(0)[0]);
            assertEquals(DeliveryReports.Outcome.RECORDED, reportNaming(c, messageId(c, lost), 70, "delivered"),
                    "later reports find it by its SID");
            c.createStatement().execute("UPDATE notifications.outbox SET claimed_until = now() - interval '1 second'");
            try (PreparedStatement claim = prepare(c, OutboxDelivery.CLAIM, Timestamp.from(NOW.plusSeconds(120)),
                    Timestamp.from(Instant.now()), 100, "SMS"); ResultSet claimed = claim.executeQuery()) {
                assertFalse(claimed.next(), "once its lease lapses, it is not taken to be sent again");
            }

            // a retry waiting after an answer that never came: Twilio had it
            long retried = row(c, "SMS", "+33612345679", "PENDING", null, NOW.plusSeconds(5), 1, null, null);
            assertEquals(DeliveryReports.Outcome.ADOPTED, reportNaming(c, messageId(c, retried), 71, "queued"));
            assertEquals("SENT", delivery(c, retried)[2]);

            // never another's: a sent message keeps its SID, an email is not Twilio's, an unknown id is nobody
            long sent = sentSms(c, "+33612345670", 72, null);
            assertEquals(DeliveryReports.Outcome.UNKNOWN_MESSAGE, reportNaming(c, messageId(c, sent), 73, "sent"));
            assertEquals(sid(72), rows(c, "SELECT provider_id FROM notifications.outbox WHERE id = ?1", sent).get(0)[0]);
            long email = row(c, "EMAIL", "a@example.org", "SENDING", null, NOW, 1, null, null);
            assertEquals(DeliveryReports.Outcome.UNKNOWN_MESSAGE, reportNaming(c, messageId(c, email), 74, "sent"));
            assertEquals("SENDING", delivery(c, email)[2]);
            assertEquals(DeliveryReports.Outcome.UNKNOWN_MESSAGE, reportNaming(c, java.util.UUID.randomUUID().toString(),
                    75, "sent"));
        }
    }

    private static String[] delivery(Connection c, long id) throws SQLException {
        Object[] row = rows(c, "SELECT delivery, delivery_error, status FROM notifications.outbox WHERE id = ?1",
                id).get(0);
        return new String[] {(String) row[0], (String) row[1], (String) row[2]};
    }

    // ---- the last message failed ---------------------------------------------------------------

    private static List<String> lastFailed(Connection c, String template, String... recipients) throws SQLException {
        Object[] values = new Object[recipients.length + 1];
        values[0] = template;
        System.arraycopy(recipients, 0, values, 1, recipients.length);
        return rows(c, DeliveryReports.lastFailedQuery(recipients.length), values).stream()
                .map(r -> (String) r[0]).sorted().toList();
    }

    @Test
    void onlyRecipientsWhoseNewestMessageOfTheTemplateFailedAreFound() throws SQLException {
        try (Connection c = DB.getConnection()) {
            Instant before = NOW.minusSeconds(600);
            row(c, "EMAIL", "dead@example.org", "DEAD", null, before, 8, null, null);
            row(c, "EMAIL", "retried@example.org", "DEAD", null, before, 1, null, null);
            row(c, "EMAIL", "retried@example.org", "PENDING", null, NOW, 0, null, null);   // resent since
            row(c, "EMAIL", "fine@example.org", "SENT", NOW, NOW, 1, null, null);
            row(c, "EMAIL", "retrying@example.org", "PENDING", null, NOW, 3, null, null);  // not failed yet
            long undelivered = sentSms(c, "+33612345678", 1, null);
            long delivered = sentSms(c, "+33612345699", 2, null);
            report(c, 1, "undelivered", "30003");
            report(c, 2, "delivered", null);
            long other = row(c, "EMAIL", "other@example.org", "DEAD", null, before, 8, null, null);
            c.createStatement().execute("UPDATE notifications.outbox SET template = 'voting.receipt' WHERE id = " + other);

            assertEquals(List.of("+33612345678", "dead@example.org"), lastFailed(c, "voting.opened", "dead@example.org",
                    "retried@example.org", "fine@example.org", "retrying@example.org", "+33612345678", "+33612345699",
                    "other@example.org", "nobody@example.org"));
            assertEquals(List.of("other@example.org"), lastFailed(c, "voting.receipt", "other@example.org",
                    "dead@example.org"));
            assertTrue(undelivered != delivered);
        }
    }

    // ---- status callbacks -----------------------------------------------------------------------

    @Test
    void aFinalStateIsNeverOverwrittenByAnEarlierOneAndDuplicatesChangeNothing() throws SQLException {
        try (Connection c = DB.getConnection()) {
            long id = sentSms(c, "+33612345678", 1, null);
            assertEquals(DeliveryReports.Outcome.RECORDED, report(c, 1, "queued", null));
            assertEquals(DeliveryReports.Outcome.RECORDED, report(c, 1, "delivered", null));
            assertEquals("delivered", delivery(c, id)[0]);
            // Twilio's "sent" callback came over a slower connection, after "delivered".
            assertEquals(DeliveryReports.Outcome.ALREADY_KNOWN, report(c, 1, "sent", null));
            assertEquals(DeliveryReports.Outcome.ALREADY_KNOWN, report(c, 1, "queued", null));
            assertEquals(DeliveryReports.Outcome.ALREADY_KNOWN, report(c, 1, "delivered", null), "the same twice");
            assertEquals(DeliveryReports.Outcome.ALREADY_KNOWN, report(c, 1, "undelivered", "30003"),
                    "the first final state wins");
            assertEquals("delivered", delivery(c, id)[0]);
            assertNull(delivery(c, id)[1]);
            assertEquals("SENT", delivery(c, id)[2], "the message stays sent");
        }
    }

    @Test
    void statesMoveForwardOnlyAndAFailureKeepsTwiliosErrorCode() throws SQLException {
        try (Connection c = DB.getConnection()) {
            long id = sentSms(c, "+33612345678", 2, null);
            assertEquals(DeliveryReports.Outcome.RECORDED, report(c, 2, "sent", null));
            assertEquals(DeliveryReports.Outcome.ALREADY_KNOWN, report(c, 2, "accepted", null));
            assertEquals("sent", delivery(c, id)[0]);
            assertEquals(DeliveryReports.Outcome.RECORDED, report(c, 2, "undelivered", "30003"));
            assertEquals("undelivered", delivery(c, id)[0]);
            assertEquals("30003", delivery(c, id)[1]);

            long other = sentSms(c, "+33612345679", 3, null);
            assertEquals(DeliveryReports.Outcome.RECORDED, report(c, 3, "sent", "30003"));
            assertNull(delivery(c, other)[1], "an error code only for a message that did not arrive");
            assertEquals(DeliveryReports.Outcome.IGNORED, report(c, 3, "read", null));
            assertEquals("sent", delivery(c, other)[0]);
        }
    }

    @Test
    void anUnknownMessageChangesNothing() throws SQLException {
        try (Connection c = DB.getConnection()) {
            long id = sentSms(c, "+33612345678", 4, null);
            assertEquals(DeliveryReports.Outcome.UNKNOWN_MESSAGE, report(c, 99, "delivered", null));
            assertNull(delivery(c, id)[0]);
            long email = row(c, "EMAIL", "a@example.org", "SENT", NOW, NOW, 1, sid(5), null);
            assertEquals(DeliveryReports.Outcome.UNKNOWN_MESSAGE, report(c, 5, "delivered", null),
                    "only Twilio's SMS take Twilio's reports");
            assertNull(delivery(c, email)[0]);
        }
    }

    @Test
    void twoCallbacksRacingForOneMessageLeaveTheFinalState() throws Exception {
        try (Connection c = DB.getConnection(); Connection first = DB.getConnection();
                Connection second = DB.getConnection()) {
            long id = sentSms(c, "+33612345678", 6, null);
            first.setAutoCommit(false);
            assertEquals(DeliveryReports.Outcome.RECORDED, report(first, 6, "delivered", null));
            // The "sent" callback arrives while "delivered" is not committed yet: it waits for the row lock...
            CompletableFuture<DeliveryReports.Outcome> late = CompletableFuture.supplyAsync(() -> {
                try {
                    return report(second, 6, "sent", null);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(late.isDone(), "the second update waits for the first transaction");
            first.commit();
            // ... then re-reads the row and finds it delivered.
            assertEquals(DeliveryReports.Outcome.ALREADY_KNOWN, late.get(10, TimeUnit.SECONDS));
            assertEquals("delivered", delivery(c, id)[0]);
        }
    }

    @Test
    void malformedFieldsAreRefusedByName() {
        IllegalArgumentException sid = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DeliveryReports.StatusReport.of(Map.of("MessageSid", "SM' OR 1=1", "MessageStatus", "sent")));
        assertEquals("MessageSid", sid.getMessage());
        IllegalArgumentException status = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> DeliveryReports.StatusReport.of(Map.of("MessageSid", sid(1))));
        assertEquals("MessageStatus", status.getMessage());
    }

    @Test
    void campaignCountsMoveWithTheReports() throws SQLException {
        try (Connection c = DB.getConnection()) {
            String campaign = UUID.randomUUID().toString();
            c.createStatement().execute("INSERT INTO notifications.campaign (id, name, channel, template, parameters,"
                    + " status, created_by, created_at, status_changed_at) VALUES ('" + campaign + "', 'Rappel', 'SMS',"
                    + " 'voting.reminder', '{}', 'SENDING', 'organizer', now(), now())");
            for (int i = 0; i < 4; i++) {
                sentSms(c, "+3361234567" + i, 10 + i, campaign);
            }
            Map<String, Long> before = CampaignQueue.counts(rows(c, CampaignQueue.COUNTS, campaign));
            assertEquals(4L, before.get("SENT"));
            assertEquals(0L, before.getOrDefault("DELIVERED", 0L));
            assertEquals(0L, before.getOrDefault("UNDELIVERED", 0L));

            report(c, 10, "sent", null);
            report(c, 10, "delivered", null);
            report(c, 11, "delivered", null);
            report(c, 11, "delivered", null);
            report(c, 12, "failed", "30006");
            report(c, 13, "sent", null);
            report(c, 13, "queued", null);

            Map<String, Long> after = CampaignQueue.counts(rows(c, CampaignQueue.COUNTS, campaign));
            assertEquals(4L, after.get("SENT"), "reported messages stay sent");
            assertEquals(2L, after.get("DELIVERED"));
            assertEquals(1L, after.get("UNDELIVERED"), "failed counts as undelivered; still 'sent' counts as neither");
        }
    }

    // ---- deliverability -------------------------------------------------------------------------

    private static Deliverability.Report deliverability(Connection c, int hours) throws SQLException {
        Timestamp window = Timestamp.from(NOW.minus(Duration.ofHours(hours)));
        Timestamp silence = Timestamp.from(NOW.minus(Duration.ofHours(THRESHOLDS.silenceHours())));
        Timestamp earliest = window.before(silence) ? window : silence;
        List<Object[]> email = rows(c, Deliverability.EMAIL, window, silence, earliest, "EMAIL",
                Math.min(THRESHOLDS.minMessages(), THRESHOLDS.silenceMinMessages()), Deliverability.MAX_DOMAINS);
        List<Object[]> sms = rows(c, Deliverability.SMS, window, silence, earliest, "SMS");
        return Deliverability.report(hours, THRESHOLDS, Deliverability.domains(email), Deliverability.countries(sms));
    }

    private static Map<String, Deliverability.Row> byKey(List<Deliverability.Row> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.counts().key(), r -> r));
    }

    private static void emails(Connection c, String domain, int n, String status, Instant at) throws SQLException {
        for (int i = 0; i < n; i++) {
            String to = "u" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
            switch (status) {
                case "SENT" -> row(c, "EMAIL", to, "SENT", at, at, 1, "<" + UUID.randomUUID() + ">", null);
                case "DEAD" -> row(c, "EMAIL", to, "DEAD", null, at, 8, null, null);
                default -> row(c, "EMAIL", to, "PENDING", null, at, 3, null, null);
            }
        }
    }

    @Test
    void emailDomainsAreCountedInTheWindowAndAlertWhenTheyRefuseOrFallSilent() throws SQLException {
        try (Connection c = DB.getConnection()) {
            Instant hourAgo = NOW.minus(Duration.ofHours(1));
            Instant tenHoursAgo = NOW.minus(Duration.ofHours(10));
            emails(c, "gmail.com", 40, "SENT", hourAgo);
            emails(c, "GMail.com", 2, "DEAD", hourAgo);
            emails(c, "gmail.com", 50, "SENT", NOW.minus(Duration.ofHours(30)));  // before the window
            // A webmail that refuses: 12 of 30 handed over (40 %).
            emails(c, "refuse.example", 18, "SENT", tenHoursAgo);
            emails(c, "refuse.example", 12, "DEAD", hourAgo);
            // A webmail that fell silent in the last hours: it accepted in the morning, defers everything since.
            emails(c, "silent.example", 10, "SENT", tenHoursAgo);
            emails(c, "silent.example", 6, "RETRYING", NOW.plus(Duration.ofMinutes(20)));
            // Too few to say anything.
            emails(c, "tiny.example", 3, "DEAD", hourAgo);
            // Not tried yet: no outcome, not counted.
            row(c, "EMAIL", "waiting@gmail.com", "PENDING", null, NOW, 0, null, null);

            Deliverability.Report report = deliverability(c, 24);
            Map<String, Deliverability.Row> rows = byKey(report.email());
            assertEquals(Map.of("gmail.com", 0, "refuse.example", 0, "silent.example", 0).keySet(), rows.keySet(),
                    "domains in lower case; fewer than 5 messages are not listed");

            Deliverability.Counts gmail = rows.get("gmail.com").counts();
            assertEquals(42, gmail.handed());
            assertEquals(2, gmail.refused());
            assertTrue(rows.get("gmail.com").alert().isEmpty(), "2 of 42 refused: under 20 %");

            Deliverability.Row refuse = rows.get("refuse.example");
            assertEquals(30, refuse.counts().handed());
            assertEquals(12, refuse.counts().refused());
            assertEquals(Optional.of(0.4), refuse.counts().failureRate());
            assertTrue(refuse.alert().orElseThrow().startsWith("12 of 30 messages refused or undelivered in the last 24 h"
                    + " (40.0%"), refuse.alert().orElseThrow());

            Deliverability.Row silent = rows.get("silent.example");
            assertEquals(10, silent.counts().handed());
            assertEquals(6, silent.counts().retrying());
            assertEquals(Optional.of(0.0), silent.counts().failureRate());
            assertTrue(silent.alert().orElseThrow().startsWith("6 messages tried in the last 6 h, none accepted"),
                    silent.alert().orElseThrow());

            assertEquals(List.of("refuse.example", "silent.example", "gmail.com"),
                    report.email().stream().map(r -> r.counts().key()).toList(), "alerting rows first");

            Deliverability.Report lastTwoHours = deliverability(c, 2);
            Map<String, Deliverability.Row> recent = byKey(lastTwoHours.email());
            assertEquals(12, recent.get("refuse.example").counts().handed(), "the morning's sent ones are outside");
            assertEquals(12, recent.get("refuse.example").counts().refused());
            assertTrue(recent.get("refuse.example").alert().isPresent(), "nothing accepted in 6 h, 100 % refused");
        }
    }

    @Test
    void aDomainUnderTheThresholdsDoesNotAlert() throws SQLException {
        try (Connection c = DB.getConnection()) {
            Instant hourAgo = NOW.minus(Duration.ofHours(1));
            emails(c, "few.example", 4, "DEAD", hourAgo);      // 100 % refused, but 4 < 5 and 4 < 20
            emails(c, "few.example", 1, "SENT", hourAgo);      // 5 tried in 6 h, one accepted
            emails(c, "border.example", 16, "SENT", hourAgo);
            emails(c, "border.example", 3, "DEAD", hourAgo);    // 19 handed over: under 20 messages
            Map<String, Deliverability.Row> rows = byKey(deliverability(c, 24).email());
            assertTrue(rows.get("few.example").alert().isEmpty(), rows.get("few.example").toString());
            assertTrue(rows.get("border.example").alert().isEmpty());

            emails(c, "border.example", 1, "DEAD", hourAgo);    // 20 handed over, 4 refused: 20 %
            assertTrue(byKey(deliverability(c, 24).email()).get("border.example").alert().isPresent());
        }
    }

    @Test
    void phoneCountriesComeFromTheNumbersPrefixesIncludingSharedCallingCodes() throws SQLException {
        try (Connection c = DB.getConnection()) {
            int sid = 100;
            // France: mobiles in 06 and 07 fall into several prefixes, merged into one country.
            for (int i = 0; i < 15; i++) {
                sentSms(c, "+336120000" + String.format("%02d", i), sid++, null);
                sentSms(c, "+337580000" + String.format("%02d", i), sid++, null);
            }
            for (int i = 100; i < 130; i++) {
                report(c, i, "delivered", null);
            }
            // Canada (+1 416) and the United States (+1 212) share +1; Kazakhstan (+7 701) and Russia (+7 916) +7.
            for (int i = 0; i < 25; i++) {
                sentSms(c, "+1416555" + String.format("%04d", i), sid, null);
                report(c, sid++, i < 10 ? "undelivered" : "delivered", i < 10 ? "30003" : null);
            }
            for (int i = 0; i < 3; i++) {
                sentSms(c, "+1212555" + String.format("%04d", i), sid++, null);
                sentSms(c, "+7701123" + String.format("%04d", i), sid++, null);
                sentSms(c, "+7916123" + String.format("%04d", i), sid++, null);
            }
            row(c, "SMS", "+4420790000" + "00", "DEAD", null, NOW.minusSeconds(30), 1, null, null);

            Deliverability.Report report = deliverability(c, 24);
            Map<String, Deliverability.Row> rows = byKey(report.sms());
            assertEquals(java.util.Set.of("FR", "CA", "US", "KZ", "RU", "GB"), rows.keySet());
            assertEquals(30, rows.get("FR").counts().handed());
            assertEquals(30, rows.get("FR").counts().delivered());
            assertTrue(rows.get("FR").alert().isEmpty());
            Deliverability.Row canada = rows.get("CA");
            assertEquals(25, canada.counts().handed());
            assertEquals(10, canada.counts().undelivered());
            assertTrue(canada.alert().orElseThrow().startsWith("10 of 25 messages refused or undelivered"));
            assertEquals("CA", report.sms().get(0).counts().key(), "the alerting country first");
            assertEquals(3, rows.get("US").counts().handed());
            assertEquals(3, rows.get("KZ").counts().handed());
            assertEquals(3, rows.get("RU").counts().handed());
            assertEquals(1, rows.get("GB").counts().refused());
        }
    }

    @Test
    void regionsOfNumbers() {
        assertEquals("FR", Deliverability.region("+33612345678"));
        assertEquals("CA", Deliverability.region("+14165550000"));
        assertEquals("US", Deliverability.region("+12125550000"));
        assertEquals("KZ", Deliverability.region("+77011230000"));
        assertEquals("RU", Deliverability.region("+79161230000"));
        assertEquals("GB", Deliverability.region("+447000"), "an invalid number: its calling code's main region");
        assertEquals("ZZ", Deliverability.region("+999123456"));
    }
}
