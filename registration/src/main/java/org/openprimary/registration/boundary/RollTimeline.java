package org.openprimary.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openprimary.common.TimeBuckets;
import org.openprimary.registration.control.RollLedger;

/**
 * An election's registrations and roll over time, for the dashboard's chart, read from its roll
 * ledger as every registration figure is: in each time bucket, how many registered, and how many
 * registrants and voters on the roll there were at its end ("how many at T": the running counts of
 * the last entry recorded by then). One grouped query over the ledger's time index
 * (roll_ledger_time_idx), whatever the number of buckets, and one for the figures before the first.
 */
@Stateless
public class RollTimeline {

    /**
     * Per bucket (its number from the first), the REGISTERED entries and the last entry's running
     * counts. ?1 election, ?2 the first bucket's start, ?3 the step in seconds, ?4 now (each named once,
     * in p: JPA's numbered parameters are not repeated).
     */
    static final String BUCKETS = "WITH p AS (SELECT CAST(?1 AS varchar) AS election, CAST(?2 AS timestamptz) AS start,"
            + " CAST(?3 AS bigint) AS step, CAST(?4 AS timestamptz) AS now),"
            + " b AS (SELECT CAST(floor(EXTRACT(EPOCH FROM (l.recorded_at - p.start)) / p.step) AS bigint) AS bucket,"
            + " count(*) FILTER (WHERE l.kind = 'REGISTERED') AS registered, max(l.seq) AS last"
            + " FROM registration.roll_ledger l, p WHERE l.election_id = p.election AND l.recorded_at >= p.start"
            + " AND l.recorded_at <= p.now GROUP BY 1)"
            + " SELECT b.bucket, b.registered, l.registrants, l.roll_size FROM b, p, registration.roll_ledger l"
            + " WHERE l.election_id = p.election AND l.seq = b.last ORDER BY b.bucket";

    /** The running counts before the first bucket: the last entry recorded before ?2. */
    static final String BEFORE = "SELECT registrants, roll_size FROM registration.roll_ledger WHERE election_id = ?1"
            + " AND recorded_at < CAST(?2 AS timestamptz) ORDER BY recorded_at DESC, seq DESC LIMIT 1";

    /** One bucket: registrations in it; registrants and voters on the roll at its end (null before the ledger began). */
    public record Point(long registered, Long registrants, Long onRoll) {
    }

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    @EJB
    RollLedger ledger;

    /** One point per bucket; an election whose registration never opened has points of nulls and zeros. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<Point> points(UUID electionId, TimeBuckets buckets) {
        ledger.settle(electionId); // what registrations recorded a moment ago is counted too
        Timestamp from = Timestamp.from(buckets.from());
        List<Object[]> before = em.createNativeQuery(BEFORE).setParameter(1, electionId.toString())
                .setParameter(2, from).getResultList();
        List<Object[]> rows = em.createNativeQuery(BUCKETS).setParameter(1, electionId.toString())
                .setParameter(2, from).setParameter(3, buckets.step().toSeconds())
                .setParameter(4, Timestamp.from(buckets.now())).getResultList();
        return points(buckets.count(), before.isEmpty() ? null : before.get(0), rows);
    }

    /**
     * The points from the query's rows: a bucket without entries keeps the counts of the one before
     * (or of {@code before}, the row of {@link #BEFORE}, for the first ones), and had no registration.
     */
    static List<Point> points(int count, Object[] before, List<Object[]> rows) {
        List<Point> points = new ArrayList<>(count);
        Long registrants = before == null ? null : number(before[0]);
        Long onRoll = before == null ? null : number(before[1]);
        int next = 0;
        for (int i = 0; i < count; i++) {
            long registered = 0;
            while (next < rows.size() && number(rows.get(next)[0]) < i) {
                next++; // cannot happen with the query's bounds; skipped rather than misplaced
            }
            if (next < rows.size() && number(rows.get(next)[0]) == i) {
                Object[] row = rows.get(next++);
                registered = number(row[1]);
                registrants = number(row[2]);
                onRoll = number(row[3]);
            }
            points.add(new Point(registered, registrants, onRoll));
        }
        return points;
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
