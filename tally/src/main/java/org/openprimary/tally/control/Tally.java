package org.openprimary.tally.control;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.openprimary.tally.entity.CandidateResult;
import org.openprimary.tally.entity.GradeScale;
import org.openprimary.tally.entity.MeritProfile;
import org.openprimary.tally.entity.Result;
import org.openprimary.tally.entity.TallyException;

/**
 * Turns merit profiles into a {@link Result}: checks the input (1 to 1,000 candidates, every
 * profile on the scale, equal totals: every ballot grades every candidate), ranks by
 * {@link MajorityJudgment}, gives competition ranks and mentions.
 */
public final class Tally {

    public static final int MAX_CANDIDATES = Result.MAX_CANDIDATES;
    /** Decimals of the shares shown (display only). */
    public static final int SHARE_DECIMALS = 6;

    private Tally() {
    }

    /**
     * @param election the election's id, or {@code null} outside the platform
     * @param names the candidates' names in input order, or {@code null} when none are given
     * @param profiles one per candidate, in input order
     * @throws TallyException for no candidate, too many, a missing or blank name, a profile on
     *     another scale, or unequal totals
     */
    public static Result rank(String election, GradeScale scale, List<String> names, List<MeritProfile> profiles) {
        if (election != null && election.isBlank()) {
            throw new TallyException("election", "an election id is not blank");
        }
        if (scale == null) {
            throw new TallyException("grades", "missing: a count needs its scale");
        }
        if (profiles == null || profiles.isEmpty()) {
            throw new TallyException("tallies", "the list is empty: there is no candidate to rank");
        }
        if (profiles.size() > MAX_CANDIDATES) {
            throw new TallyException("tallies", "at most " + MAX_CANDIDATES + " candidates, not " + profiles.size());
        }
        if (names != null && names.size() != profiles.size()) {
            throw new TallyException("candidates", names.size() + " names for " + profiles.size() + " tallies");
        }
        for (int c = 0; names != null && c < names.size(); c++) {
            if (names.get(c) == null || names.get(c).isBlank()) {
                throw new TallyException("candidates[" + c + "]", "a candidate's name is not blank");
            }
        }
        BigInteger ballots = null;
        for (int c = 0; c < profiles.size(); c++) {
            MeritProfile profile = profiles.get(c);
            if (profile == null) {
                throw new TallyException("tallies[" + c + "]", "missing");
            }
            if (profile.grades() != scale.size()) {
                throw new TallyException("tallies[" + c + "]", "has " + profile.grades() + " counts but there are "
                        + scale.size() + " grades");
            }
            if (ballots == null) {
                ballots = profile.total();
            } else if (!profile.total().equals(ballots)) {
                throw new TallyException("tallies[" + c + "]", "counts " + profile.total() + " ballots but tallies[0]"
                        + " counts " + ballots + "; every ballot grades every candidate");
            }
        }
        List<Integer> ranking = IntStream.range(0, profiles.size()).boxed()
                .sorted(Comparator.<Integer, MeritProfile>comparing(profiles::get, MajorityJudgment.betterFirst())
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        int[] ranks = new int[profiles.size()];
        for (int place = 0; place < ranking.size(); place++) {
            int candidate = ranking.get(place);
            boolean tiedWithPrevious = place > 0
                    && MajorityJudgment.compare(profiles.get(ranking.get(place - 1)), profiles.get(candidate)) == 0;
            ranks[candidate] = tiedWithPrevious ? ranks[ranking.get(place - 1)] : place + 1;
        }
        List<CandidateResult> candidates = new ArrayList<>(profiles.size());
        for (int c = 0; c < profiles.size(); c++) {
            MeritProfile profile = profiles.get(c);
            Integer majority = MajorityJudgment.majorityGrade(profile).orElse(null);
            candidates.add(new CandidateResult(c, names == null ? null : names.get(c), profile, shares(profile),
                    majority, majority == null ? null : scale.name(majority),
                    MajorityJudgment.mention(profile, scale.names()).orElse(null), ranks[c]));
        }
        return new Result(election, scale, ballots, candidates, ranking);
    }

    /** Each grade's share, rounded half-even to {@link #SHARE_DECIMALS} decimals; zeros without ballots. */
    static List<BigDecimal> shares(MeritProfile profile) {
        BigDecimal total = new BigDecimal(profile.total());
        return profile.counts().stream()
                .map(count -> total.signum() == 0
                        ? BigDecimal.ZERO.setScale(SHARE_DECIMALS)
                        : new BigDecimal(count).divide(total, SHARE_DECIMALS, RoundingMode.HALF_EVEN))
                .toList();
    }
}
