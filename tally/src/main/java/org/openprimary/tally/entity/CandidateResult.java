package org.openprimary.tally.entity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * One candidate's result: its merit profile (counts per grade, worst first, and their shares),
 * its majority grade (absent when no ballot was counted), its mention and its rank (1 best;
 * candidates with identical profiles share a rank). Shares are for display; no decision uses them.
 */
public record CandidateResult(int index, String name, List<BigInteger> counts, List<BigDecimal> shares,
        Integer majorityGrade, String majorityGradeName, String mention, int rank) {
}
