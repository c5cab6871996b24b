package org.openprimary.tally.entity;

import java.math.BigInteger;
import java.util.List;

/**
 * The result of a count: computed from counts, never entered by a person. Every candidate's
 * profile adds up to {@code ballots}, the number of ballots counted.
 *
 * @param election the election's id, or {@code null} for a count outside the platform
 * @param candidates in the input's order
 * @param ranking candidate indices, best first, ties in index order
 */
public record Result(String election, GradeScale scale, BigInteger ballots, List<CandidateResult> candidates,
        List<Integer> ranking) {

    public Result {
        for (CandidateResult candidate : candidates) {
            BigInteger sum = candidate.counts().stream().reduce(BigInteger.ZERO, BigInteger::add);
            if (!sum.equals(ballots)) {
                throw new IllegalStateException("candidate " + candidate.index() + " has " + sum
                        + " grades but " + ballots + " ballots were counted");
            }
        }
        candidates = List.copyOf(candidates);
        ranking = List.copyOf(ranking);
    }
}
