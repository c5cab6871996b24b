package org.openprimary.tally.control;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.openprimary.tally.entity.MeritProfile;
import org.openprimary.tally.entity.TallyException;

/**
 * Counts plain ballots into merit profiles: one pass, one counter per candidate and grade. Ballots
 * come as one flat array, {@code candidates} grades per ballot, each grade's index on the scale.
 */
public final class BallotCounter {

    private BallotCounter() {
    }

    public static List<MeritProfile> count(byte[] ballots, int candidates, int grades) {
        if (candidates < 1) {
            throw new TallyException("candidates", "there is no candidate");
        }
        if (ballots.length % candidates != 0) {
            throw new TallyException("ballots", ballots.length + " grades do not make whole ballots of "
                    + candidates + " candidates");
        }
        long[] counts = new long[candidates * grades];
        int candidate = 0;
        for (int i = 0; i < ballots.length; i++) {
            int grade = ballots[i];
            if (grade < 0 || grade >= grades) {
                throw new TallyException("ballots[" + (i / candidates) + "][" + candidate + "]",
                        "grade " + grade + " is not on the scale of " + grades + " grades");
            }
            counts[candidate * grades + grade]++;
            if (++candidate == candidates) {
                candidate = 0;
            }
        }
        List<MeritProfile> profiles = new ArrayList<>(candidates);
        for (int c = 0; c < candidates; c++) {
            BigInteger[] profile = new BigInteger[grades];
            for (int g = 0; g < grades; g++) {
                profile[g] = BigInteger.valueOf(counts[c * grades + g]);
            }
            profiles.add(new MeritProfile(profile, "tallies[" + c + "]"));
        }
        return profiles;
    }
}
