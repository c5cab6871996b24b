package org.openprimary.tally.control;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.openprimary.tally.entity.MeritProfile;

/**
 * Majority judgment on merit profiles, in exact integer arithmetic and in time independent of the
 * number of ballots.
 *
 * <p><b>Majority grade</b>: the lower median, the grade at position {@code c = (N+1)/2} of the N
 * ballots sorted worst first (with N even, the worse of the two middle grades).
 *
 * <p><b>Ranking</b> (Balinski and Laraki): compare majority grades; on a tie remove one median grade
 * from each candidate and compare again, until they differ. Which position the k-th removal takes
 * depends only on N, not on the grades: {@code c}, then alternately one step further out on each
 * side, the left first when N is odd, the right first when N is even (removing the median of
 * 1..5 leaves 1,2,4,5 whose lower median is 2; removing it from 1..4 leaves 1,3,4 whose median is
 * 3). So two candidates are compared by the first removal, in that order of positions, at which
 * their grades differ.
 *
 * <p>Between two consecutive cumulative counts of either profile both grades are constant, so the
 * positions 1..N fall into at most {@code 2 × grades} intervals. On an interval where the grades
 * differ, the first removal to reach it reaches its position nearest {@code c}. The comparison
 * walks those intervals once and keeps the one reached first: {@code O(grades)} operations on
 * integers, whatever N. {@code MajorityJudgmentTest} checks it against removing medians ballot by
 * ballot.
 */
public final class MajorityJudgment {

    private MajorityJudgment() {
    }

    /** The lower median grade, or empty when there is no ballot. */
    public static Optional<Integer> majorityGrade(MeritProfile profile) {
        if (profile.total().signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(profile.gradeAt(center(profile.total())));
    }

    /**
     * Positive when {@code a} ranks better than {@code b}, negative when worse, zero only when the
     * profiles are identical (they are tied to the last removal).
     *
     * @throws IllegalArgumentException when the profiles count different numbers of ballots or grades
     */
    public static int compare(MeritProfile a, MeritProfile b) {
        BigInteger n = a.total();
        if (!n.equals(b.total()) || a.grades() != b.grades()) {
            throw new IllegalArgumentException("profiles " + a + " and " + b
                    + " count different ballots or grades; they cannot be compared");
        }
        if (n.signum() == 0) {
            return 0;
        }
        BigInteger center = center(n);
        int medianA = a.gradeAt(center);
        int medianB = b.gradeAt(center);
        if (medianA != medianB) {
            return Integer.compare(medianA, medianB);
        }
        boolean odd = n.testBit(0);
        BigInteger firstStep = null;
        int verdict = 0;
        // Walk the intervals [start, end] on which a's grade ga and b's grade gb are both constant.
        int ga = firstGradeReaching(a, BigInteger.ONE, 0);
        int gb = firstGradeReaching(b, BigInteger.ONE, 0);
        BigInteger start = BigInteger.ONE;
        while (true) {
            BigInteger end = a.cumulative(ga).min(b.cumulative(gb));
            if (ga != gb) {
                BigInteger step = step(nearest(start, end, center), center, odd);
                if (firstStep == null || step.compareTo(firstStep) < 0) {
                    firstStep = step;
                    verdict = Integer.compare(ga, gb);
                }
            }
            if (end.equals(n)) {
                return verdict;
            }
            start = end.add(BigInteger.ONE);
            ga = firstGradeReaching(a, start, ga);
            gb = firstGradeReaching(b, start, gb);
        }
    }

    /** Better first. */
    public static Comparator<MeritProfile> betterFirst() {
        return (a, b) -> compare(b, a);
    }

    /**
     * The mention as French primaries print it: the majority grade's name, then " +" when more
     * ballots give a grade strictly above it than strictly below it, " −" (U+2212) otherwise; no
     * sign at either end of the scale. Empty when there is no ballot.
     */
    public static Optional<String> mention(MeritProfile profile, List<String> gradeNames) {
        return majorityGrade(profile).map(grade -> {
            String name = gradeNames.get(grade);
            if (grade == 0 || grade == profile.grades() - 1) {
                return name;
            }
            BigInteger below = profile.cumulative(grade - 1);
            BigInteger above = profile.total().subtract(profile.cumulative(grade));
            return name + (above.compareTo(below) > 0 ? " +" : " \u2212");
        });
    }

    /** The lower median's 1-based position among n ballots. */
    static BigInteger center(BigInteger n) {
        return n.add(BigInteger.ONE).shiftRight(1);
    }

    /** At which removal (0 the first) the position is taken, among n ballots of the given parity. */
    static BigInteger step(BigInteger position, BigInteger center, boolean odd) {
        int side = position.compareTo(center);
        if (side == 0) {
            return BigInteger.ZERO;
        }
        BigInteger twice = position.subtract(center).abs().shiftLeft(1);
        boolean left = side < 0;
        return left == odd ? twice.subtract(BigInteger.ONE) : twice;
    }

    /** The position of [start, end] the removals reach first: the one nearest the center. */
    private static BigInteger nearest(BigInteger start, BigInteger end, BigInteger center) {
        if (end.compareTo(center) < 0) {
            return end;
        }
        return start.compareTo(center) > 0 ? start : center;
    }

    /** The grade at {@code position}, searching up from {@code from} (positions only grow in the walk). */
    private static int firstGradeReaching(MeritProfile profile, BigInteger position, int from) {
        int grade = from;
        while (profile.cumulative(grade).compareTo(position) < 0) {
            grade++;
        }
        return grade;
    }
}
