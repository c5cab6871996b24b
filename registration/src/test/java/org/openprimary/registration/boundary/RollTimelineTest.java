package org.openprimary.registration.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openprimary.common.TimeBuckets;
import org.openprimary.common.migration.SchemaMigrator;
import org.openprimary.registration.control.RegistrationSchema;
import org.openprimary.registration.entity.LedgerEntry;
import org.openprimary.testing.PostgresSession;

/**
 * The dashboard's registrations and roll over time, from a real ledger in the real PostgreSQL: the
 * grouped query puts each entry in its bucket, a bucket shows the running counts of its last entry,
 * an empty bucket keeps those of the one before, and the figures before the first bucket come from
 * the last entry before it.
 */
class RollTimelineTest {

    private static final DataSource DB = PostgresSession.dataSource();
    private static final String ELECTION = UUID.randomUUID().toString();
    private static final String OTHER = UUID.randomUUID().toString();
    /** One hour in 1-minute buckets: 61 of them, from 09:00 to 10:01 (now is 10:00:30). */
    private static final Instant NOW = Instant.parse("2027-01-14T10:00:30Z");
    private static final TimeBuckets BUCKETS = TimeBuckets.lastHours(1, NOW);

    @BeforeAll
    static void aLedgerOverTwoHours() throws SQLException {
        SchemaMigrator.migrate(DB, RegistrationSchema.SCHEMA, RollTimelineTest.class.getClassLoader());
        assertEquals(Instant.parse("2027-01-14T09:00:00Z"), BUCKETS.from());
        Instant t = Instant.parse("2027-01-14T08:00:00Z");
        List<Object[]> ledger = List.of(
                // before the first bucket: 2 registrants, 1 on the roll
                new Object[] {LedgerEntry.Kind.REGISTRATION_OPENED, t},
                new Object[] {LedgerEntry.Kind.REGISTERED, t.plusSeconds(60)},
                new Object[] {LedgerEntry.Kind.REGISTERED, t.plusSeconds(120)},
                new Object[] {LedgerEntry.Kind.ADDED_TO_ROLL, t.plusSeconds(180)},
                // bucket 0 (09:00 to 09:01): one more registers and two reach the roll
                new Object[] {LedgerEntry.Kind.REGISTERED, Instant.parse("2027-01-14T09:00:00Z")},
                new Object[] {LedgerEntry.Kind.FACTOR_VERIFIED, Instant.parse("2027-01-14T09:00:10Z")},
                new Object[] {LedgerEntry.Kind.ADDED_TO_ROLL, Instant.parse("2027-01-14T09:00:20Z")},
                new Object[] {LedgerEntry.Kind.ADDED_TO_ROLL, Instant.parse("2027-01-14T09:00:59.999999Z")},
                // bucket 30 (09:30 to 09:31): two register, one is struck off, one withdraws
                new Object[] {LedgerEntry.Kind.REGISTERED, Instant.parse("2027-01-14T09:30:00Z")},
                new Object[] {LedgerEntry.Kind.REGISTERED, Instant.parse("2027-01-14T09:30:01Z")},
                new Object[] {LedgerEntry.Kind.STRUCK_OFF, Instant.parse("2027-01-14T09:30:02Z")},
                new Object[] {LedgerEntry.Kind.WITHDRAWN, Instant.parse("2027-01-14T09:30:03Z")},
                // bucket 60, the one of now: an imported member (not a registration: imported)
                new Object[] {LedgerEntry.Kind.MEMBER_IMPORTED, Instant.parse("2027-01-14T10:00:05Z")},
                // after now (recorded while the query ran): not shown
                new Object[] {LedgerEntry.Kind.REGISTERED, Instant.parse("2027-01-14T10:00:31Z")});
        try (Connection c = DB.getConnection()) {
            for (String election : List.of(ELECTION, OTHER)) {
                try (PreparedStatement window = c.prepareStatement(
                        "INSERT INTO registration.registration_window (election_id, opened_at) VALUES (?, ?)")) {
                    window.setString(1, election);
                    window.setTimestamp(2, Timestamp.from(t));
                    window.executeUpdate();
                }
            }
            LedgerEntry entry = null;
            for (Object[] e : ledger) {
                LedgerEntry.Kind kind = (LedgerEntry.Kind) e[0];
                Instant at = (Instant) e[1];
                entry = entry == null ? LedgerEntry.first(UUID.fromString(ELECTION), kind, "x", at)
                        : entry.next(kind, "x", at);
                insert(c, ELECTION, entry);
            }
            // another election's registrations in the same minutes are not counted
            LedgerEntry other = LedgerEntry.first(UUID.fromString(OTHER), LedgerEntry.Kind.REGISTRATION_OPENED, "x", t);
            insert(c, OTHER, other);
            insert(c, OTHER, other.next(LedgerEntry.Kind.REGISTERED, "x", Instant.parse("2027-01-14T09:30:00Z")));
        }
    }

    @Test
    void eachBucketShowsItsRegistrationsAndTheCountsAtItsEnd() throws SQLException {
        List<RollTimeline.Point> points = query(ELECTION);
        assertEquals(61, points.size());
        assertEquals(new RollTimeline.Point(1, 3L, 3L), points.get(0), "bucket 0: one registered, two on the roll");
        for (int i = 1; i < 30; i++) {
            assertEquals(new RollTimeline.Point(0, 3L, 3L), points.get(i), "an empty bucket keeps the counts, bucket " + i);
        }
        assertEquals(new RollTimeline.Point(2, 4L, 2L), points.get(30), "two registered, one withdrew, one struck off");
        assertEquals(new RollTimeline.Point(0, 4L, 2L), points.get(59));
        assertEquals(new RollTimeline.Point(0, 5L, 2L), points.get(60), "now: an imported member is no registration");
        long registered = points.stream().mapToLong(RollTimeline.Point::registered).sum();
        assertEquals(3, registered, "the REGISTERED entries of the span, not those before it nor after now");
    }

    @Test
    void anElectionWithoutALedgerHasNoCountsAndAnotherElectionsEntriesStayOut() throws SQLException {
        List<RollTimeline.Point> none = query(UUID.randomUUID().toString());
        assertEquals(61, none.size());
        assertTrue(none.stream().allMatch(p -> p.registered() == 0 && p.registrants() == null && p.onRoll() == null));
        List<RollTimeline.Point> other = query(OTHER);
        assertEquals(new RollTimeline.Point(0, 0L, 0L), other.get(0), "opened before the span: counts of zero");
        assertEquals(new RollTimeline.Point(1, 1L, 0L), other.get(30));
    }

    /** What {@link RollTimeline#points(UUID, TimeBuckets)} answers, its two queries run here over JDBC. */
    private static List<RollTimeline.Point> query(String election) throws SQLException {
        try (Connection c = DB.getConnection()) {
            List<Object[]> before = rows(c, RollTimeline.BEFORE, election);
            return RollTimeline.points(BUCKETS.count(), before.isEmpty() ? null : before.get(0),
                    rows(c, RollTimeline.BUCKETS, election));
        }
    }

    /** Runs one of the queries with JPA's numbered parameters (?1 the election, ?2 from, ?3 the step, ?4 now). */
    private static List<Object[]> rows(Connection c, String sql, String election) throws SQLException {
        Matcher numbered = Pattern.compile("\\?(\\d)").matcher(sql);
        List<Integer> order = new ArrayList<>();
        while (numbered.find()) {
            order.add(Integer.parseInt(numbered.group(1)));
        }
        Object[] values = {election, Timestamp.from(BUCKETS.from()), BUCKETS.step().toSeconds(),
            Timestamp.from(BUCKETS.now())};
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

    private static void insert(Connection c, String election, LedgerEntry entry) throws SQLException {
        try (PreparedStatement ledger = c.prepareStatement("INSERT INTO registration.roll_ledger"
                + " (election_id, seq, kind, detail, recorded_at, roll_size, registrants, format, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 2, ?, ?)")) {
            ledger.setString(1, election);
            ledger.setLong(2, entry.seq());
            ledger.setString(3, entry.kind().name());
            ledger.setString(4, entry.detail());
            ledger.setTimestamp(5, Timestamp.from(entry.recordedAt()));
            ledger.setLong(6, entry.rollSize());
            ledger.setLong(7, entry.registrants());
            ledger.setString(8, entry.prevHash());
            ledger.setString(9, entry.hash());
            ledger.executeUpdate();
        }
    }
}
