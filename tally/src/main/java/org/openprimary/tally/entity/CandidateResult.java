package org.openprimary.tally.entity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * One candidate's line in a {@link Result}.
 *
 * @param index the candidate's place in the input, from 0
 * @param name the candidate's name, or {@code null} when the input gave none
 * @param profile the merit profile: counts per grade, worst first
 * @param shares each grade's share of the ballots, for display only (no decision uses them);
 *     all zero when no ballot was counted
 * @param majorityGrade the lower median grade, {@code null} when no ballot was counted
 * @param majorityGradeName its name on the scale, {@code null} with it
 * @param mention the majority grade's name with its "+" or "−", {@code null} with it
 * @param rank 1 the best; candidates with identical profiles share a rank (competition ranks)
 */
public record CandidateResult(int index, String name, MeritProfile profile, List<BigDecimal> shares,
        Integer majorityGrade, String majorityGradeName, String mention, int rank) {

    /** @throws IllegalArgumentException when the parts do not make one consistent line */
    public CandidateResult {
        String who = "candidate " + index;
        if (index < 0) {
            throw new IllegalArgumentException("a candidate's index is not negative: " + index);
        }
        if (profile == null || shares == null || shares.size() != profile.grades()) {
            throw new IllegalArgumentException(who + ": needs a profile and one share per grade");
        }
        if (rank < 1) {
            throw new IllegalArgumentException(who + ": ranks start at 1, not " + rank);
        }
        boolean counted = profile.total().signum() > 0;
        if (counted != (majorityGrade != null) || counted != (majorityGradeName != null) || counted != (mention != null)) {
            throw new IllegalArgumentException(who + ": a majority grade, its name and the mention are there exactly"
                    + " when ballots were counted");
        }
        if (majorityGrade != null && (majorityGrade < 0 || majorityGrade >= profile.grades())) {
            throw new IllegalArgumentException(who + ": majority grade " + majorityGrade + " is off the scale");
        }
        shares = List.copyOf(shares);
    }

    /** The counts per grade, worst first. */
    public List<BigInteger> counts() {
        return profile.counts();
    }
}
