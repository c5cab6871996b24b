package org.openprimary.tally.boundary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * One candidate's result as the platform shows it.
 *
 * @param index the candidate's place in the input, from 0
 * @param name {@code null} when no names were given
 * @param rank 1 the best; identical profiles share a rank (competition ranks 1, 2, 2, 4)
 * @param majorityGrade the lower median grade, 0 the worst; {@code null} when no ballot was counted
 * @param majorityGradeName its name, {@code null} with it
 * @param mention e.g. "Bien +" or "Assez bien −", {@code null} with it
 * @param counts ballots per grade, worst first
 * @param shares each grade's share, 6 decimals, for display only
 */
public record CandidateView(int index, String name, int rank, Integer majorityGrade, String majorityGradeName,
        String mention, List<BigInteger> counts, List<BigDecimal> shares) {

    public CandidateView {
        counts = List.copyOf(counts);
        shares = List.copyOf(shares);
    }
}
