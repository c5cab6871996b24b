package org.openprimary.tally.boundary;

import jakarta.ejb.Stateless;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.openprimary.tally.control.BallotCounter;
import org.openprimary.tally.control.MeritChartSvg;
import org.openprimary.tally.control.ResultCsv;
import org.openprimary.tally.control.ResultJson;
import org.openprimary.tally.control.Tally;
import org.openprimary.tally.entity.GradeScale;
import org.openprimary.tally.entity.MeritProfile;
import org.openprimary.tally.entity.Result;

/**
 * The tally module's facade: other modules hand it grades or counts and get a {@link Result}, and
 * its exports. It holds no state and calls no other module.
 */
@Stateless
public class ResultsService {

    /**
     * Counts plain ballots ({@code ballots}: one grade index per candidate per ballot, worst grade 0,
     * ballot after ballot) and ranks the candidates.
     */
    public Result countBallots(String election, List<String> gradeNames, List<String> candidates, byte[] ballots) {
        GradeScale scale = new GradeScale(gradeNames);
        return Tally.rank(election, scale, candidates,
                BallotCounter.count(ballots, candidates.size(), scale.size()));
    }

    /** Ranks candidates from their counts per grade ({@code tallies.get(c)[g]}, worst grade first). */
    public Result fromCounts(String election, List<String> gradeNames, List<String> candidates, List<long[]> tallies) {
        List<MeritProfile> profiles = new java.util.ArrayList<>();
        for (int c = 0; c < tallies.size(); c++) {
            profiles.add(new MeritProfile(Arrays.stream(tallies.get(c)).mapToObj(BigInteger::valueOf)
                    .toArray(BigInteger[]::new), "tallies[" + c + "]"));
        }
        return Tally.rank(election, new GradeScale(gradeNames), candidates, profiles);
    }

    public String json(Result result) {
        return ResultJson.write(result);
    }

    public String csv(Result result) {
        return ResultCsv.write(result);
    }

    public String chart(Result result, String title) {
        return MeritChartSvg.write(result, title);
    }
}
