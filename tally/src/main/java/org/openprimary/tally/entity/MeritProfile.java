package org.openprimary.tally.entity;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * How many ballots gave one candidate each grade: {@code count(g)}, grade 0 the worst. Counts are
 * exact integers of any size, never negative; nothing here is normalized or rounded.
 *
 * <p>Positions: the ballots sorted from the worst grade to the best are numbered 1 to
 * {@link #total()}; {@link #gradeAt} answers which grade sits at a position, from the cumulative
 * counts, without expanding the ballots.
 */
public final class MeritProfile {

    private final BigInteger[] counts;
    /** {@code cumulative[g]}: ballots with a grade up to and including g. */
    private final BigInteger[] cumulative;

    /**
     * @param counts one count per grade, worst first
     * @param where the input's place, for error messages, e.g. {@code tallies[2]}
     * @throws TallyException when there is no count, a count is missing or negative
     */
    public MeritProfile(BigInteger[] counts, String where) {
        if (counts == null || counts.length == 0) {
            throw new TallyException(where, "a merit profile needs a count per grade");
        }
        this.counts = counts.clone();
        this.cumulative = new BigInteger[counts.length];
        BigInteger sum = BigInteger.ZERO;
        for (int g = 0; g < this.counts.length; g++) {
            BigInteger count = this.counts[g];
            if (count == null) {
                throw new TallyException(where + "[" + g + "]", "a count is missing");
            }
            if (count.signum() < 0) {
                throw new TallyException(where + "[" + g + "]", "negative count " + count);
            }
            sum = sum.add(count);
            cumulative[g] = sum;
        }
    }

    public MeritProfile(List<BigInteger> counts, String where) {
        this(counts == null ? null : counts.toArray(BigInteger[]::new), where);
    }

    /** A profile from small counts, e.g. in tests: {@code MeritProfile.of(2, 3, 5, 6, 4)}. */
    public static MeritProfile of(long... counts) {
        return new MeritProfile(Arrays.stream(counts).mapToObj(BigInteger::valueOf).toArray(BigInteger[]::new),
                "profile");
    }

    /** The number of grades of the scale this profile counts on. */
    public int grades() {
        return counts.length;
    }

    public BigInteger count(int grade) {
        return counts[grade];
    }

    /** The counts, worst grade first. */
    public List<BigInteger> counts() {
        return List.of(counts);
    }

    /** The number of ballots. */
    public BigInteger total() {
        return cumulative[cumulative.length - 1];
    }

    /** The number of ballots with a grade up to and including {@code grade}; zero for grade -1. */
    public BigInteger cumulative(int grade) {
        return grade < 0 ? BigInteger.ZERO : cumulative[grade];
    }

    /**
     * The grade at a 1-based position of the ballots sorted from the worst grade to the best.
     *
     * @throws IllegalArgumentException for a position outside 1..total
     */
    public int gradeAt(BigInteger position) {
        if (position.signum() <= 0 || position.compareTo(total()) > 0) {
            throw new IllegalArgumentException("position " + position + " is outside the " + total() + " ballots");
        }
        int grade = 0;
        while (cumulative[grade].compareTo(position) < 0) {
            grade++;
        }
        return grade;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeritProfile other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return Arrays.toString(counts);
    }
}
