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

/** Turns merit profiles into a {@link Result}: checks the input, ranks, names the mentions. */
public final class Tally {

    public static final int MAX_CANDIDATES = 1000;
    static final int SHARE_DECIMALS = 6;

    private Tally() {
    }

    /**
     * @param names the candidates' names in input order, or {@code null} when none are given
     * @throws TallyException for no candidate, too many, a profile on another scale, or unequal totals
     */
    public static Result rank(String election, GradeScale scale, List<String> names, List<MeritProfile> profiles) {
        if (profiles == null || profiles.isEmpty()) {
            throw new TallyException("tallies", "there is no candidate to rank");
        }
        if (profiles.size() > MAX_CANDIDATES) {
            throw new TallyException("tallies", "at most " + MAX_CANDIDATES + " candidates, not " + profiles.size());
        }
        if (names != null && names.size() != profiles.size()) {
            throw new TallyException("candidates", names.size() + " names for " + profiles.size() + " tallies");
        }
        BigInteger ballots = profiles.get(0).total();
        for (int c = 0; c < profiles.size(); c++) {
            MeritProfile profile = profiles.get(c);
            if (profile.grades() != scale.size()) {
                throw new TallyException("tallies[" + c + "]", "has " + profile.grades() + " counts but the scale has "
                        + scale.size() + " grades");
            }
            if (!profile.total().equals(ballots)) {
                throw new TallyException("tallies[" + c + "]", "counts " + profile.total() + " ballots but tallies[0] counts "
                        + ballots + "; every ballot grades every candidate");
            }
        }
        List<Integer> ranking = IntStream.range(0, profiles.size()).boxed()
                .sorted(Comparator.<Integer, MeritProfile>comparing(profiles::get, MajorityJudgment.betterFirst())
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        int[] ranks = new int[profiles.size()];
        for (int position = 0; position < ranking.size(); position++) {
            int candidate = ranking.get(position);
            boolean tiedWithPrevious = position > 0
                    && MajorityJudgment.compare(profiles.get(ranking.get(position - 1)), profiles.get(candidate)) == 0;
            ranks[candidate] = tiedWithPrevious ? ranks[ranking.get(position - 1)] : position + 1;
        }
        List<CandidateResult> candidates = new ArrayList<>();
        for (int c = 0; c < profiles.size(); c++) {
            MeritProfile profile = profiles.get(c);
            Integer majority = MajorityJudgment.majorityGrade(profile).orElse(null);
            candidates.add(new CandidateResult(c, names == null ? null : names.get(c), counts(profile),
                    shares(profile), majority, majority == null ? null : scale.name(majority),
                    MajorityJudgment.mention(profile, scale.names()).orElse(null), ranks[c]));
        }
        return new Result(election, scale, ballots, candidates, ranking);
    }

    private static List<BigInteger> counts(MeritProfile profile) {
        return IntStream.range(0, profile.grades()).mapToObj(profile::count).toList();
    }

    private static List<BigDecimal> shares(MeritProfile profile) {
        BigDecimal total = new BigDecimal(profile.total());
        return IntStream.range(0, profile.grades())
                .mapToObj(g -> total.signum() == 0
                        ? BigDecimal.ZERO.setScale(SHARE_DECIMALS)
                        : new BigDecimal(profile.count(g)).divide(total, SHARE_DECIMALS, RoundingMode.HALF_EVEN))
                .toList();
    }
}
