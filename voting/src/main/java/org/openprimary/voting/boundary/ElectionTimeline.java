package org.openprimary.voting.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openprimary.common.NotFoundException;
import org.openprimary.common.TimeBuckets;
import org.openprimary.registration.boundary.RollTimeline;
import org.openprimary.voting.entity.Election;
import org.openprimary.voting.entity.ElectionId;

/**
 * The dashboard's charts of an election: registrations and the roll from the roll's ledger
 * (registration's {@link RollTimeline}), and turnout from the ballot box's signed checkpoints, in
 * the same time buckets. Turnout is read at the checkpoints only, never from the ballots: a ballot
 * row carries no time, on purpose, and nothing here may give one back.
 */
@Stateless
public class ElectionTimeline {

    /**
     * Per bucket (its number from the first), the most ballots a checkpoint made in it covers (the
     * box only grows). ?1 election, ?2 the first bucket's start, ?3 the step in seconds, ?4 now (each
     * named once, in p).
     */
    static final String CHECKPOINTS = "WITH p AS (SELECT CAST(?1 AS varchar) AS election,"
            + " CAST(?2 AS timestamptz) AS start, CAST(?3 AS bigint) AS step, CAST(?4 AS timestamptz) AS now)"
            + " SELECT CAST(floor(EXTRACT(EPOCH FROM (c.made_at - p.start)) / p.step) AS bigint) AS bucket, max(c.ballots)"
            + " FROM voting.box_checkpoint c, p WHERE c.election_id = p.election AND c.made_at >= p.start"
            + " AND c.made_at <= p.now GROUP BY 1 ORDER BY 1";

    /** The ballots covered by the last checkpoint before the first bucket (null: none yet). */
    static final String BEFORE = "SELECT max(ballots) FROM voting.box_checkpoint WHERE election_id = ?1"
            + " AND made_at < CAST(?2 AS timestamptz)";

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    RollTimeline roll;

    /** The figures of the last {@code hours} (1 to 720) of an election, drafts included (they have none yet). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public TimelineView timeline(String id, int hours) {
        TimeBuckets buckets = TimeBuckets.lastHours(hours, clock.instant());
        ElectionId electionId = ElectionId.parse(id);
        Election election = em.find(Election.class, electionId.toString());
        if (election == null) {
            throw new NotFoundException("id", "no election has the id '" + id + "'");
        }
        List<RollTimeline.Point> registrations = roll.points(UUID.fromString(electionId.toString()), buckets);
        Timestamp from = Timestamp.from(buckets.from());
        Object before = em.createNativeQuery(BEFORE).setParameter(1, electionId.toString()).setParameter(2, from)
                .getSingleResult();
        List<Object[]> rows = em.createNativeQuery(CHECKPOINTS).setParameter(1, electionId.toString())
                .setParameter(2, from).setParameter(3, buckets.step().toSeconds())
                .setParameter(4, Timestamp.from(buckets.now())).getResultList();
        Long rollSize = election.rollSize().orElse(null);
        return new TimelineView(electionId.toString(), election.state().name(), buckets.from(), buckets.to(),
                buckets.step().toSeconds(), rollSize,
                points(buckets, registrations, ballots(buckets.count(), number(before), rows), rollSize));
    }

    /**
     * The ballots at each bucket's end: those of the last checkpoint made by then, which is the
     * checkpoint in the bucket if there is one, else the figure of the bucket before.
     */
    static List<Long> ballots(int count, Long before, List<Object[]> rows) {
        List<Long> ballots = new ArrayList<>(count);
        Long last = before;
        int next = 0;
        for (int i = 0; i < count; i++) {
            while (next < rows.size() && number(rows.get(next)[0]) < i) {
                next++;
            }
            if (next < rows.size() && number(rows.get(next)[0]) == i) {
                Long covered = number(rows.get(next++)[1]);
                last = last == null ? covered : Math.max(last, covered);
            }
            ballots.add(last);
        }
        return ballots;
    }

    static List<TimelineView.Point> points(TimeBuckets buckets, List<RollTimeline.Point> registrations,
            List<Long> ballots, Long rollSize) {
        List<TimelineView.Point> points = new ArrayList<>(buckets.count());
        for (int i = 0; i < buckets.count(); i++) {
            RollTimeline.Point r = registrations.get(i);
            Long b = ballots.get(i);
            String share = b == null || rollSize == null ? null : VotingService.percent(b, rollSize);
            points.add(new TimelineView.Point(buckets.at(i), r.registered(), r.registrants(), r.onRoll(), b, share));
        }
        return points;
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
