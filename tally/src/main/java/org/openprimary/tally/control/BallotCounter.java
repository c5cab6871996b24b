package org.openprimary.tally.control;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.openprimary.tally.entity.MeritProfile;
import org.openprimary.tally.entity.TallyException;

/**
 * Counts plain ballots into merit profiles: one counter per candidate and grade, one pass over the
 * grades. A ballot is one grade per candidate, in the candidates' order, each grade its number on
 * the scale (0 the worst). Ballots may come one at a time ({@link #add}) or as a flat array of
 * many ({@link #addAll}); a ballot with a grade off the scale is refused whole and counts nothing.
 *
 * <p>Counters are {@code long}: a batch holds fewer than 2<sup>31</sup> grades and the number of
 * ballots is checked with {@link Math#addExact}, so no counter can overflow. Not thread-safe: one
 * counter per thread, merged with {@link #addCounts}.
 */
public final class BallotCounter {

    private final int candidates;
    private final int grades;
    /** {@code counts[c * grades + g]}. */
    private final long[] counts;
    private long ballots;

    public BallotCounter(int candidates, int grades) {
        if (candidates < 1 || candidates > Tally.MAX_CANDIDATES) {
            throw new TallyException("candidates", "1 to " + Tally.MAX_CANDIDATES + " candidates, not " + candidates);
        }
        if (grades < 2 || grades > 10) {
            throw new TallyException("grades", "a scale has 2 to 10 grades, not " + grades);
        }
        this.candidates = candidates;
        this.grades = grades;
        this.counts = new long[candidates * grades];
    }

    /** Counts a flat array of ballots at once, {@code candidates} grades per ballot. */
    public static List<MeritProfile> count(byte[] ballots, int candidates, int grades) {
        BallotCounter counter = new BallotCounter(candidates, grades);
        counter.addAll(ballots);
        return counter.profiles();
    }

    /** Counts one ballot: a grade per candidate. */
    public void add(int... ballot) {
        if (ballot.length != candidates) {
            throw new TallyException("ballots[" + ballots + "]", "grades " + ballot.length + " candidates, not "
                    + candidates);
        }
        for (int c = 0; c < candidates; c++) {
            if (ballot[c] < 0 || ballot[c] >= grades) {
                throw offScale(ballots, c, ballot[c]);
            }
        }
        for (int c = 0; c < candidates; c++) {
            counts[c * grades + ballot[c]]++;
        }
        ballots = Math.addExact(ballots, 1);
    }

    /**
     * Counts many ballots, {@code candidates} grades each, one after the other. All or nothing: when
     * a grade is off the scale, none of these ballots is counted.
     */
    public void addAll(byte[] flat) {
        if (flat.length % candidates != 0) {
            throw new TallyException("ballots", flat.length + " grades do not make whole ballots of "
                    + candidates + " candidates");
        }
        long[] counts = this.counts;
        int grades = this.grades;
        int i = 0;
        for (int ballot = 0, n = flat.length / candidates; ballot < n; ballot++) {
            for (int offset = 0; offset < counts.length; offset += grades, i++) {
                int grade = flat[i];
                if (Integer.compareUnsigned(grade, grades) >= 0) {
                    undo(flat, i);
                    throw offScale(ballots + ballot, i % candidates, grade);
                }
                counts[offset + grade]++;
            }
        }
        ballots = Math.addExact(ballots, flat.length / candidates);
    }

    /** Adds another counter's counts (e.g. one per thread). */
    public void addCounts(BallotCounter other) {
        if (other.candidates != candidates || other.grades != grades) {
            throw new IllegalArgumentException("counters of different shapes cannot be merged");
        }
        long total = Math.addExact(ballots, other.ballots);
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.addExact(counts[i], other.counts[i]);
        }
        ballots = total;
    }

    /** The ballots counted so far. */
    public long ballots() {
        return ballots;
    }

    /** The merit profiles so far, in the candidates' order. */
    public List<MeritProfile> profiles() {
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

    private void undo(byte[] flat, int upTo) {
        for (int j = 0; j < upTo; j++) {
            counts[(j % candidates) * grades + flat[j]]--;
        }
    }

    private TallyException offScale(long ballot, int candidate, int grade) {
        return new TallyException("ballots[" + ballot + "][" + candidate + "]",
                "grade " + grade + " is not on the scale of " + grades + " grades (0 to " + (grades - 1) + ")");
    }
}
