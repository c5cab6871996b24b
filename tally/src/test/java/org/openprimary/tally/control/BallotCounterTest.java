package org.openprimary.tally.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openprimary.tally.entity.MeritProfile;
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
    void noBallotMakesEmptyProfiles() {
        assertEquals(List.of(MeritProfile.of(0, 0), MeritProfile.of(0, 0)), BallotCounter.count(new byte[0], 2, 2));
    }

    @Test
    void ballotsOneAtATimeCountTheSameAsAllAtOnce() {
        Random random = new Random(5);
        byte[] flat = new byte[7 * 1000];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (byte) random.nextInt(6);
        }
        BallotCounter oneByOne = new BallotCounter(7, 6);
        for (int b = 0; b < 1000; b++) {
            int[] ballot = new int[7];
            for (int c = 0; c < 7; c++) {
                ballot[c] = flat[b * 7 + c];
            }
            oneByOne.add(ballot);
        }
        assertEquals(BallotCounter.count(flat, 7, 6), oneByOne.profiles());
        assertEquals(1000, oneByOne.ballots());
    }

    @Test
    void countersMerge() {
        BallotCounter first = new BallotCounter(2, 3);
        first.addAll(new byte[] {0, 2, 1, 1});
        BallotCounter second = new BallotCounter(2, 3);
        second.add(2, 2);
        first.addCounts(second);
        assertEquals(3, first.ballots());
        assertEquals(List.of(MeritProfile.of(1, 1, 1), MeritProfile.of(0, 1, 2)), first.profiles());
        assertThrows(IllegalArgumentException.class, () -> first.addCounts(new BallotCounter(3, 3)));
    }

    @Test
    void aGradeOffTheScaleIsRefusedNamingTheBallotAndTheCandidate() {
        TallyException refused = assertThrows(TallyException.class,
                () -> BallotCounter.count(new byte[] {0, 1, 2, 0, 1, 5}, 3, 5));
        assertEquals("ballots[1][2]: grade 5 is not on the scale of 5 grades (0 to 4)", refused.getMessage());
        assertEquals("ballots[0][1]", assertThrows(TallyException.class,
                () -> BallotCounter.count(new byte[] {0, -1, 2}, 3, 5)).where());
    }

    @Test
    void aRefusedBatchCountsNothingAndLaterBallotsAreNumberedOnFromTheCountedOnes() {
        BallotCounter counter = new BallotCounter(2, 3);
        counter.addAll(new byte[] {0, 1});
        TallyException refused = assertThrows(TallyException.class, () -> counter.addAll(new byte[] {2, 2, 1, 1, 0, 3}));
        assertEquals("ballots[3][1]", refused.where(), "the 4th ballot overall");
        assertThrows(TallyException.class, () -> counter.add(0, 7));
        assertEquals(1, counter.ballots());
        assertEquals(List.of(MeritProfile.of(1, 0, 0), MeritProfile.of(0, 1, 0)), counter.profiles());
    }

    @Test
    void incompleteBallotsAndImpossibleShapesAreRefused() {
        assertEquals("ballots", assertThrows(TallyException.class,
                () -> BallotCounter.count(new byte[] {0, 1, 2, 0}, 3, 5)).where());
        assertEquals("ballots[0]", assertThrows(TallyException.class, () -> new BallotCounter(3, 5).add(1, 2)).where());
        assertEquals("candidates", assertThrows(TallyException.class, () -> new BallotCounter(0, 5)).where());
        assertEquals("candidates", assertThrows(TallyException.class, () -> new BallotCounter(1001, 5)).where());
        assertEquals("grades", assertThrows(TallyException.class, () -> new BallotCounter(2, 11)).where());
    }
}
