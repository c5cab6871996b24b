package org.openprimary.tally.control;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.openprimary.tally.entity.MeritProfile;

/**
 * Majority judgment on merit profiles, exactly and in time independent of the number of ballots.
 *
 * <p>A candidate's majority grade is the lower median of its grades. Ties are broken as Balinski
 * and Laraki define it: remove one median grade from each tied candidate and compare again. That is
 * the same as comparing, from the first, the sequences of grades the successive removals take off.
 * With the ballots sorted worst first at positions 1..N and the lower median at {@code c = (N+1)/2},
 * the k-th removal takes the grade at a position that depends only on N and k: c, then alternately
 * one step further on each side (the left first when N is odd, the right first when N is even).
 * Two candidates' grades differ only on a few intervals of positions (between their cumulative
 * counts); the first removal that reaches such an interval reaches its position nearest c. So a
 * comparison looks at no more than twice as many intervals as there are grades, whatever N.
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
     * Positive when {@code a} ranks better than {@code b}, negative when worse, zero when they are
     * tied to the end (identical profiles). Both profiles must count the same ballots on the same scale.
     */
    public static int compare(MeritProfile a, MeritProfile b) {
        BigInteger n = a.total();
        if (!n.equals(b.total()) || a.grades() != b.grades()) {
            throw new IllegalArgumentException("profiles of different totals or scales cannot be compared");
        }
        if (n.signum() == 0) {
            return 0;
        }
        BigInteger center = center(n);
        boolean odd = n.testBit(0);
        TreeSet<BigInteger> starts = new TreeSet<>();
        starts.add(BigInteger.ONE);
        for (int g = 0; g < a.grades() - 1; g++) {
            addStart(starts, a.cumulative(g).add(BigInteger.ONE), n);
            addStart(starts, b.cumulative(g).add(BigInteger.ONE), n);
        }
        BigInteger bestStep = null;
        int verdict = 0;
        List<BigInteger> ordered = new ArrayList<>(starts);
        for (int i = 0; i < ordered.size(); i++) {
            BigInteger start = ordered.get(i);
            BigInteger end = i + 1 < ordered.size() ? ordered.get(i + 1).subtract(BigInteger.ONE) : n;
            int gradeA = a.gradeAt(start);
            int gradeB = b.gradeAt(start);
            if (gradeA == gradeB) {
                continue;
            }
            BigInteger nearest = nearest(start, end, center);
            BigInteger step = step(nearest, center, odd);
            if (bestStep == null || step.compareTo(bestStep) < 0) {
                bestStep = step;
                verdict = Integer.compare(gradeA, gradeB);
            }
        }
        return verdict;
    }

    /** Better first. */
    public static Comparator<MeritProfile> betterFirst() {
        return (a, b) -> compare(b, a);
    }

    /**
     * The mention as French primaries print it: the majority grade's name, then "+" when more
     * ballots give a grade above it than below it, "−" otherwise; no sign at either end of the scale.
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

    /** At which removal (0 for the first) the position is taken. */
    static BigInteger step(BigInteger position, BigInteger center, boolean odd) {
        int side = position.compareTo(center);
        if (side == 0) {
            return BigInteger.ZERO;
        }
        BigInteger distance = position.subtract(center).abs().shiftLeft(1);
        boolean leftFirst = odd;
        boolean left = side < 0;
        return left == leftFirst ? distance.subtract(BigInteger.ONE) : distance;
    }

    private static BigInteger nearest(BigInteger start, BigInteger end, BigInteger center) {
        if (start.compareTo(center) <= 0 && end.compareTo(center) >= 0) {
            return center;
        }
        return end.compareTo(center) < 0 ? end : start;
    }

    private static void addStart(TreeSet<BigInteger> starts, BigInteger start, BigInteger n) {
        if (start.compareTo(n) <= 0) {
            starts.add(start);
        }
    }
}
