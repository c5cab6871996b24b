package org.openprimary.voting.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openprimary.common.TimeBuckets;
import org.openprimary.common.migration.SchemaMigrator;
import org.openprimary.registration.boundary.RollTimeline;
import org.openprimary.testing.PostgresSession;

/**
 * Turnout over time from the box's signed checkpoints in the real PostgreSQL: a bucket shows the
 * ballots of the last checkpoint made by its end, none before the box's first checkpoint; and the
 * points beside the roll's, as shares of the sealed roll.
 */
class ElectionTimelineTest {

    private static final DataSource DB = PostgresSession.dataSource();
    private static final String ELECTION = UUID.randomUUID().toString();
    /** One hour in 1-minute buckets: 61 of them, from 09:00 to 10:01 (now is 10:00:30). */
    private static final Instant NOW = Instant.parse("2027-01-14T10:00:30Z");
    private static final TimeBuckets BUCKETS = TimeBuckets.lastHours(1, NOW);

    @BeforeAll
    static void aBoxWithCheckpoints() throws SQLException {
        SchemaMigrator.migrate(DB, "voting", ElectionTimelineTest.class.getClassLoader());
        try (Connection c = DB.getConnection()) {
            c.createStatement().execute("INSERT INTO voting.election (id, title, state, created_at, registration_opened_at)"
                    + " VALUES ('" + ELECTION + "', 'Primaire', 'REGISTRATION', now(), now())");
            // the opening signs the empty box at 09:10:00; then one checkpoint a minute while ballots come
            checkpoint(c, 0, "2027-01-14T09:10:00Z");
            checkpoint(c, 4, "2027-01-14T09:11:00Z");
            checkpoint(c, 9, "2027-01-14T09:12:00Z");
            checkpoint(c, 12, "2027-01-14T09:40:00Z");
            checkpoint(c, 15, "2027-01-14T10:00:30Z");
            checkpoint(c, 16, "2027-01-14T10:00:31Z"); // after now: not shown
        }
    }

    @Test
    void eachBucketShowsTheBallotsOfTheLastCheckpointMadeByItsEnd() throws SQLException {
        List<Long> ballots = query(BUCKETS);
        assertEquals(61, ballots.size());
        for (int i = 0; i < 10; i++) {
            assertNull(ballots.get(i), "before the opening's checkpoint, no turnout: bucket " + i);
        }
        assertEquals(0L, ballots.get(10), "the empty box, signed at the opening");
        assertEquals(4L, ballots.get(11));
        assertEquals(9L, ballots.get(12));
        assertEquals(9L, ballots.get(39), "no checkpoint in a bucket: the one before holds");
        assertEquals(12L, ballots.get(40));
        assertEquals(15L, ballots.get(60), "now: the checkpoint made now, not the one after");
    }

    @Test
    void theCheckpointBeforeTheFirstBucketGivesItsFigure() throws SQLException {
        TimeBuckets later = TimeBuckets.lastHours(1, Instant.parse("2027-01-14T10:30:10Z"));
        List<Long> ballots = query(later);
        assertEquals(Instant.parse("2027-01-14T09:30:00Z"), later.from());
        assertEquals(9L, ballots.get(0), "the checkpoint of 09:12 before the span");
        assertEquals(12L, ballots.get(10));
        assertEquals(16L, ballots.get(60));
    }

    @Test
    void pointsPutTurnoutAsAShareOfTheSealedRollBesideTheRegistrations() {
        TimeBuckets two = new TimeBuckets(Instant.parse("2027-01-14T10:00:00Z"), java.time.Duration.ofMinutes(1), 2,
                Instant.parse("2027-01-14T10:01:30Z"));
        List<TimelineView.Point> points = ElectionTimeline.points(two, List.of(new RollTimeline.Point(0, 3L, 3L),
                new RollTimeline.Point(2, 5L, 3L)), Arrays.asList(null, 2L), 3L);
        assertEquals(new TimelineView.Point(Instant.parse("2027-01-14T10:01:00Z"), 0, 3L, 3L, null, null), points.get(0));
        assertEquals(new TimelineView.Point(Instant.parse("2027-01-14T10:01:30Z"), 2, 5L, 3L, 2L, "66.67"), points.get(1));
        List<TimelineView.Point> unsealed = ElectionTimeline.points(two, Collections.nCopies(2,
                new RollTimeline.Point(0, null, null)), Arrays.asList(null, null), null);
        assertNull(unsealed.get(1).turnoutPercent(), "no sealed roll: no share");
    }

    private static List<Long> query(TimeBuckets buckets) throws SQLException {
        try (Connection c = DB.getConnection()) {
            List<Object[]> before = rows(c, ElectionTimeline.BEFORE, buckets);
            Long first = before.get(0)[0] == null ? null : ((Number) before.get(0)[0]).longValue();
            return ElectionTimeline.ballots(buckets.count(), first, rows(c, ElectionTimeline.CHECKPOINTS, buckets));
        }
    }

    /** Runs one of the queries with JPA's numbered parameters (?1 the election, ?2 from, ?3 the step, ?4 now). */
    private static List<Object[]> rows(Connection c, String sql, TimeBuckets buckets) throws SQLException {
        Matcher numbered = Pattern.compile("\\?(\\d)").matcher(sql);
        List<Integer> order = new ArrayList<>();
        while (numbered.find()) {
            order.add(Integer.parseInt(numbered.group(1)));
        }
        Object[] values = {ELECTION, Timestamp.from(buckets.from()), buckets.step().toSeconds(),
            Timestamp.from(buckets.now())};
        try (PreparedStatement statement = c.prepareStatement(sql.replaceAll("\\?\\d", "?"))) {
            for (int i = 0; i < order.size(); i++) {
                statement.setObject(i + 1, values[order.get(i) - 1]);
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
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
    }

    private static void checkpoint(Connection c, long ballots, String at) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO voting.box_checkpoint"
                + " (election_id, ballots, head, made_at, signature) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, ELECTION);
            insert.setLong(2, ballots);
            insert.setString(3, "a".repeat(64));
            insert.setTimestamp(4, Timestamp.from(Instant.parse(at)));
            insert.setString(5, "not checked here");
            insert.executeUpdate();
        }
    }
}
