package org.openprimary.tally.entity;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * How many ballots gave a candidate each grade ({@code counts[g]}, grade 0 the worst). Counts are
 * exact integers of any size; nothing is ever normalized or rounded here.
 */
public final class MeritProfile {

    private final BigInteger[] counts;
    private final BigInteger total;

    /**
     * @param where the input's place, for error messages, e.g. {@code tallies[2]}
     */
    public MeritProfile(BigInteger[] counts, String where) {
        if (counts == null || counts.length == 0) {
            throw new TallyException(where, "a merit profile needs a count per grade");
        }
        BigInteger sum = BigInteger.ZERO;
        for (int g = 0; g < counts.length; g++) {
            if (counts[g] == null) {
                throw new TallyException(where + "[" + g + "]", "a count is missing");
            }
            if (counts[g].signum() < 0) {
                throw new TallyException(where + "[" + g + "]", "negative count " + counts[g]);
            }
            sum = sum.add(counts[g]);
        }
        this.counts = counts.clone();
        this.total = sum;
    }

    public static MeritProfile of(long... counts) {
        return new MeritProfile(Arrays.stream(counts).mapToObj(BigInteger::valueOf).toArray(BigInteger[]::new),
                "profile");
    }

    public int grades() {
        return counts.length;
    }

    public BigInteger count(int grade) {
        return counts[grade];
    }

    public BigInteger total() {
        return total;
    }

    /**
     * The grade at a 1-based position of the ballots sorted from the worst grade to the best.
     */
    public int gradeAt(BigInteger position) {
        BigInteger cumulative = BigInteger.ZERO;
        for (int g = 0; g < counts.length; g++) {
            cumulative = cumulative.add(counts[g]);
            if (cumulative.compareTo(position) >= 0) {
                return g;
            }
        }
        throw new IllegalArgumentException("position " + position + " is past the " + total + " ballots");
    }

    /** The number of ballots with a grade up to and including {@code grade}. */
    public BigInteger cumulative(int grade) {
        BigInteger sum = BigInteger.ZERO;
        for (int g = 0; g <= grade; g++) {
            sum = sum.add(counts[g]);
        }
        return sum;
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
