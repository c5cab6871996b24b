package org.openprimary.tally.entity;

import java.math.BigInteger;
import java.util.List;

/**
 * The result of a count: computed from counts (by {@code org.openprimary.tally.control.Tally}),
 * never entered by a person. It checks on construction that it is whole and consistent: every
 * candidate's profile is on the scale and adds up to {@code ballots}, the ranking lists every
 * candidate once, and ranks are competition ranks that follow the ranking.
 *
 * @param election the election's id, or {@code null} for a count outside the platform
 * @param scale the grades, worst first
 * @param ballots the number of ballots counted
 * @param candidates one per candidate, in the input's order ({@code candidates.get(i).index() == i})
 * @param ranking candidate indices, best first, candidates sharing a rank in index order
 */
public record Result(String election, GradeScale scale, BigInteger ballots, List<CandidateResult> candidates,
        List<Integer> ranking) {

    /** The most candidates a count takes. */
    public static final int MAX_CANDIDATES = 1000;

    /** @throws IllegalArgumentException when the parts do not make one consistent result */
    public Result {
        if (election != null && election.isBlank()) {
            throw new IllegalArgumentException("an election id is not blank");
        }
        if (scale == null || ballots == null || ballots.signum() < 0) {
            throw new IllegalArgumentException("a result needs a scale and a number of ballots counted");
        }
        if (candidates == null || candidates.isEmpty() || candidates.size() > MAX_CANDIDATES) {
            throw new IllegalArgumentException("a result has 1 to " + MAX_CANDIDATES + " candidates");
        }
        candidates = List.copyOf(candidates);
        for (int i = 0; i < candidates.size(); i++) {
            CandidateResult candidate = candidates.get(i);
            if (candidate.index() != i) {
                throw new IllegalArgumentException("candidate " + candidate.index() + " is listed at place " + i);
            }
            if (candidate.profile().grades() != scale.size()) {
                throw new IllegalArgumentException("candidate " + i + " is graded on " + candidate.profile().grades()
                        + " grades, the scale has " + scale.size());
            }
            if (!candidate.profile().total().equals(ballots)) {
                throw new IllegalArgumentException("candidate " + i + " has " + candidate.profile().total()
                        + " grades but " + ballots + " ballots were counted");
            }
            if (candidate.majorityGrade() != null
                    && !scale.name(candidate.majorityGrade()).equals(candidate.majorityGradeName())) {
                throw new IllegalArgumentException("candidate " + i + ": majority grade " + candidate.majorityGrade()
                        + " is named " + scale.name(candidate.majorityGrade()) + " on the scale");
            }
        }
        if (ranking == null || ranking.size() != candidates.size()) {
            throw new IllegalArgumentException("the ranking lists every candidate once");
        }
        ranking = List.copyOf(ranking);
        boolean[] seen = new boolean[candidates.size()];
        for (int place = 0; place < ranking.size(); place++) {
            int index = ranking.get(place);
            if (index < 0 || index >= seen.length || seen[index]) {
                throw new IllegalArgumentException("the ranking lists every candidate once; " + index + " is not expected at "
                        + place);
            }
            seen[index] = true;
            int rank = candidates.get(index).rank();
            int previous = place == 0 ? 0 : candidates.get(ranking.get(place - 1)).rank();
            boolean tied = place > 0 && rank == previous && index > ranking.get(place - 1);
            if (rank != place + 1 && !tied) {
                throw new IllegalArgumentException("candidate " + index + " is ranked " + rank + " at place " + (place + 1)
                        + " of the ranking");
            }
        }
    }

    /** The candidate ranked at a place of the ranking (0 the best). */
    public CandidateResult atPlace(int place) {
        return candidates.get(ranking.get(place));
    }
}
