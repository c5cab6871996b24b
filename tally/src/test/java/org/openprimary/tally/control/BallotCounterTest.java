package org.openprimary.tally.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openprimary.tally.boundary.ResultsService;
import org.openprimary.tally.entity.MeritProfile;
import org.openprimary.tally.entity.Result;
import org.openprimary.tally.entity.TallyException;

class BallotCounterTest {

    @Test
    void plainBallotsBecomeMeritProfiles() {
        byte[] ballots = {
            4, 0, 2,
            3, 1, 2,
            4, 1, 0};
        List<MeritProfile> profiles = BallotCounter.count(ballots, 3, 5);
        assertEquals(MeritProfile.of(0, 0, 0, 1, 2), profiles.get(0));
        assertEquals(MeritProfile.of(1, 2, 0, 0, 0), profiles.get(1));
        assertEquals(MeritProfile.of(1, 0, 2, 0, 0), profiles.get(2));
    }

    @Test
    void aGradeOffTheScaleOrAnIncompleteBallotIsRefused() {
        assertEquals("ballots[1][2]", assertThrows(TallyException.class,
                () -> BallotCounter.count(new byte[] {0, 1, 2, 0, 1, 5}, 3, 5)).where());
        assertEquals("ballots", assertThrows(TallyException.class,
                () -> BallotCounter.count(new byte[] {0, 1, 2, 0}, 3, 5)).where());
    }

    @Test
    void theFacadeCountsRanksAndExportsTheSameResult() {
        ResultsService results = new ResultsService();
        Result result = results.countBallots("election-1", List.of("Non", "Bof", "Oui"), List.of("A", "B"),
                new byte[] {2, 0, 2, 1, 1, 2});
        assertEquals(List.of(0, 1), result.ranking());
        assertEquals("election-1", result.election());
        assertEquals(result.ranking(), results.fromCounts("election-1", List.of("Non", "Bof", "Oui"),
                List.of("A", "B"), List.of(new long[] {0, 1, 2}, new long[] {1, 1, 1})).ranking());
        assertEquals(true, results.json(result).contains("\"election\" : \"election-1\""));
    }

    @Test
    void aThousandCandidatesAtMost() {
        List<MeritProfile> many = Collections.nCopies(1001, MeritProfile.of(1, 0));
        assertEquals("tallies", assertThrows(TallyException.class,
                () -> Tally.rank(null, org.openprimary.tally.entity.GradeScale.ofSize(2), null, many)).where());
    }
}
