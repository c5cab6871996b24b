package org.openprimary.tally.boundary;

import jakarta.ejb.Stateless;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.openprimary.tally.control.BallotCounter;
import org.openprimary.tally.control.Tally;
import org.openprimary.tally.entity.GradeScale;
import org.openprimary.tally.entity.MeritProfile;
import org.openprimary.tally.entity.Result;
import org.openprimary.tally.entity.TallyException;

/**
 * The tally module's facade: other modules hand it plain ballots or counts and get a
 * {@link ResultView} with its exports. It holds no state, stores nothing and calls no other
 * module; the work is on counts, so ranking takes the same time for ten ballots or ten million.
 *
 * <p>Grade names are worst first; {@code null} means the default scale (Insuffisant, Passable,
 * Assez bien, Bien, Très bien). Candidate names are optional ({@code null}).
 *
 * @throws TallyRejectedException from every method, when the input cannot be counted
 */
@Stateless
public class ResultsService {

    /**
     * Counts plain ballots and ranks the candidates.
     *
     * @param ballots one grade per candidate per ballot (0 the worst), ballot after ballot:
     *     {@code ballots[b * candidates + c]}
     * @param candidates how many candidates each ballot grades
     */
    public ResultView countBallots(String election, List<String> gradeNames, int candidates, List<String> names,
            byte[] ballots) {
        return guarded(() -> {
            GradeScale scale = scale(gradeNames);
            if (ballots == null) {
                throw new TallyException("ballots", "missing");
            }
            return Tally.rank(election, scale, names, BallotCounter.count(ballots, candidates, scale.size()));
        });
    }

    /**
     * Ranks candidates from their counts.
     *
     * @param tallies {@code tallies.get(c).get(g)}: ballots giving candidate c grade g, worst grade first
     */
    public ResultView rankCounts(String election, List<String> gradeNames, List<String> names,
            List<List<BigInteger>> tallies) {
        return guarded(() -> {
            GradeScale scale = scale(gradeNames);
            if (tallies == null) {
                throw new TallyException("tallies", "missing");
            }
            List<MeritProfile> profiles = new ArrayList<>(tallies.size());
            for (int c = 0; c < tallies.size(); c++) {
                if (tallies.get(c) == null) {
                    throw new TallyException("tallies[" + c + "]", "missing");
                }
                profiles.add(new MeritProfile(tallies.get(c), "tallies[" + c + "]"));
            }
            return Tally.rank(election, scale, names, profiles);
        });
    }

    private static GradeScale scale(List<String> gradeNames) {
        return gradeNames == null ? GradeScale.DEFAULT : new GradeScale(gradeNames);
    }

    private static ResultView guarded(Supplier<Result> count) {
        try {
            return new ResultView(count.get());
        } catch (TallyException e) {
            throw new TallyRejectedException(e.where(), e.getMessage(), e);
        }
    }
}
