package org.openprimary.tally.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openprimary.tally.entity.CandidateResult;
import org.openprimary.tally.entity.GradeScale;
import org.openprimary.tally.entity.MeritProfile;
import org.openprimary.tally.entity.Result;
import org.openprimary.tally.entity.TallyException;

class MajorityJudgmentTest {

    // ---- the shared test vectors (a copy of shared/mj/cases.json) ----

    static Stream<Arguments> sharedCases() throws IOException {
        try (InputStream in = MajorityJudgmentTest.class.getResourceAsStream("/mj/cases.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Arguments> cases = new ArrayList<>();
            root.get("cases").forEach(c -> cases.add(Arguments.of(c.get("name").asText(), c)));
            return cases.stream();
        }
    }

    @Test
    void allFifteenSharedCasesAreThere() throws IOException {
        assertEquals(15, sharedCases().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedCases")
    void theSharedCasesRankAsExpected(String name, JsonNode c) {
        GradeScale scale = c.get("grades").isInt() ? GradeScale.ofSize(c.get("grades").asInt())
                : new GradeScale(strings(c.get("grades")));
        List<MeritProfile> profiles = new ArrayList<>();
        c.get("tallies").forEach(t -> profiles.add(MeritProfile.of(longs(t))));

        Result result = Tally.rank(null, scale, null, profiles);

        assertEquals(ints(c.get("expected_ranking")), result.ranking(), name);
        assertEquals(ints(c.get("expected_ranks")), ranks(result), name);
        assertEquals(ints(c.get("expected_majority_grades")),
                result.candidates().stream().map(CandidateResult::majorityGrade).toList(), name);
        for (int i = 1; i < profiles.size(); i++) {
            // the engine agrees with the ballot-by-ballot reference on every pair of the case
            assertEquals(Integer.signum(naive(longs(c.get("tallies").get(0)), longs(c.get("tallies").get(i)))),
                    Integer.signum(MajorityJudgment.compare(profiles.get(0), profiles.get(i))), name);
        }
    }

    // ---- majority grade ----

    @Test
    void theMajorityGradeIsTheLowerMedian() {
        assertEquals(2, MajorityJudgment.majorityGrade(MeritProfile.of(0, 0, 5, 5, 0)).orElseThrow(), "even: the lower");
        assertEquals(3, MajorityJudgment.majorityGrade(MeritProfile.of(0, 0, 5, 6, 0)).orElseThrow(), "odd: the middle");
        assertEquals(0, MajorityJudgment.majorityGrade(MeritProfile.of(1, 1)).orElseThrow(), "two ballots: the worse");
        assertEquals(1, MajorityJudgment.majorityGrade(MeritProfile.of(0, 1)).orElseThrow(), "one ballot: its grade");
        assertTrue(MajorityJudgment.majorityGrade(MeritProfile.of(0, 0)).isEmpty(), "no ballot: no grade");
    }

    @Test
    void oneBallotDecidesByItsGrades() {
        Result result = Tally.rank(null, GradeScale.DEFAULT, List.of("A", "B", "C"),
                List.of(MeritProfile.of(0, 0, 0, 1, 0), MeritProfile.of(0, 0, 0, 0, 1), MeritProfile.of(0, 0, 0, 1, 0)));
        assertEquals(List.of(2, 1, 2), ranks(result));
        assertEquals(List.of(1, 0, 2), result.ranking());
        assertEquals("Bien \u2212", result.candidates().get(0).mention(), "nothing above, nothing below: minus");
        assertEquals("Très bien", result.candidates().get(1).mention());
    }

    @Test
    void zeroBallotsTieEveryoneWithNoGrade() {
        Result none = Tally.rank(null, GradeScale.DEFAULT, List.of("A", "B"),
                List.of(MeritProfile.of(0, 0, 0, 0, 0), MeritProfile.of(0, 0, 0, 0, 0)));
        assertEquals(BigInteger.ZERO, none.ballots());
        assertEquals(List.of(1, 1), ranks(none));
        assertEquals(List.of(0, 1), none.ranking());
        CandidateResult a = none.candidates().get(0);
        assertNull(a.majorityGrade());
        assertNull(a.majorityGradeName());
        assertNull(a.mention());
        assertEquals("0.000000", a.shares().get(0).toPlainString());
    }

    @Test
    void allGradesEqualIsATieWhateverTheGrade() {
        Result result = Tally.rank(null, GradeScale.DEFAULT, null,
                List.of(MeritProfile.of(0, 0, 7, 0, 0), MeritProfile.of(0, 0, 7, 0, 0), MeritProfile.of(0, 7, 0, 0, 0)));
        assertEquals(List.of(1, 1, 3), ranks(result));
        assertEquals("Assez bien \u2212", result.candidates().get(0).mention(), "nothing above, nothing below: minus");
    }

    @Test
    void oneCandidateRanksFirst() {
        Result result = Tally.rank("e", GradeScale.DEFAULT, List.of("Seul"), List.of(MeritProfile.of(1, 2, 3, 4, 5)));
        assertEquals(List.of(1), ranks(result));
        assertEquals(List.of(0), result.ranking());
        assertEquals("Bien \u2212", result.candidates().get(0).mention());
    }

    // ---- the tie-break ----

    @Test
    void twoCandidatesDifferingOnlyAtTheLastRemoval() {
        // The removals always end at the best ballot (position N), whatever the parity of N.
        MeritProfile a = MeritProfile.of(0, 4, 4, 0, 1);
        MeritProfile b = MeritProfile.of(0, 4, 4, 1, 0);
        assertOnlyTheLastRemovalsDiffer(a, b, 1);
        assertTrue(MajorityJudgment.compare(a, b) > 0);
        MeritProfile c = MeritProfile.of(0, 1, 4, 4, 1);
        MeritProfile d = MeritProfile.of(0, 1, 4, 5, 0);
        assertOnlyTheLastRemovalsDiffer(c, d, 1);
        assertTrue(MajorityJudgment.compare(c, d) > 0);
        assertEquals(List.of(2, 1), ranks(Tally.rank(null, GradeScale.DEFAULT, null, List.of(d, c))));
        // With N even the worst ballot (position 1) goes second to last.
        MeritProfile e = MeritProfile.of(0, 1, 4, 5, 0);
        MeritProfile f = MeritProfile.of(1, 0, 4, 5, 0);
        assertOnlyTheLastRemovalsDiffer(e, f, 2);
        assertTrue(MajorityJudgment.compare(e, f) > 0);
    }

    /** Removing medians one by one, the two stay equal until only {@code left} ballots are left. */
    private static void assertOnlyTheLastRemovalsDiffer(MeritProfile a, MeritProfile b, int left) {
        assertEquals(a.total().intValueExact() - left, naiveDepth(longs(a), longs(b)));
    }

    /**
     * Ties at every depth: ballots graded 0, 1, ..., N-1 (one each); raising the grade at one
     * position p by one keeps the order and changes only that position, so the two candidates are
     * equal until the removal that takes position p. For every p, at both parities.
     */
    @ParameterizedTest(name = "{0} ballots")
    @ValueSource(ints = {8, 9})
    void tiesAreBrokenAtEveryDepth(int n) {
        long[] base = new long[10];
        Arrays.fill(base, 0, n, 1);
        for (int position = 1; position <= n; position++) {
            long[] raised = base.clone();
            raised[position - 1]--;
            raised[position]++;
            int depth = removalAt(n, position);
            MeritProfile a = MeritProfile.of(raised);
            MeritProfile b = MeritProfile.of(base);
            assertTrue(MajorityJudgment.compare(a, b) > 0, "raised at position " + position + ", removal " + depth);
            assertTrue(MajorityJudgment.compare(b, a) < 0, "raised at position " + position + ", removal " + depth);
            assertEquals(1, naive(raised, base));
            assertEquals(depth, naiveDepth(raised, base), "position " + position);
        }
    }

    /** Which removal (0 the first) takes the 1-based position, by simulating the removals. */
    private static int removalAt(int n, int position) {
        List<Integer> positions = new ArrayList<>(IntStream.rangeClosed(1, n).boxed().toList());
        for (int removal = 0;; removal++) {
            if (positions.remove((positions.size() - 1) / 2) == position) {
                return removal;
            }
        }
    }

    @Test
    void identicalProfilesShareACompetitionRankAndTheNextIsSkipped() {
        Result result = Tally.rank(null, GradeScale.ofSize(3), null, List.of(
                MeritProfile.of(1, 1, 1), MeritProfile.of(0, 1, 2), MeritProfile.of(0, 1, 2), MeritProfile.of(3, 0, 0),
                MeritProfile.of(1, 1, 1)));
        assertEquals(List.of(3, 1, 1, 5, 3), ranks(result));
        assertEquals(List.of(1, 2, 0, 4, 3), result.ranking(), "ties by index");
    }

    @Test
    void aProfileWithTheSameMedianButDifferentSidesIsNotATie() {
        MeritProfile a = MeritProfile.of(2, 3, 5, 6, 4);
        MeritProfile b = MeritProfile.of(2, 3, 5, 4, 6);
        assertTrue(MajorityJudgment.compare(b, a) > 0);
        assertEquals(0, MajorityJudgment.compare(a, MeritProfile.of(2, 3, 5, 6, 4)));
    }

    @Test
    void profilesOfDifferentTotalsOrScalesCannotBeCompared() {
        assertThrows(IllegalArgumentException.class,
                () -> MajorityJudgment.compare(MeritProfile.of(1, 1), MeritProfile.of(1, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> MajorityJudgment.compare(MeritProfile.of(1, 1), MeritProfile.of(1, 1, 0)));
    }

    // ---- mentions ----

    @Test
    void mentionsSignTheBalanceAroundTheMajorityGradeButNotAtTheEnds() {
        List<String> names = GradeScale.DEFAULT.names();
        assertEquals("Bien +", MajorityJudgment.mention(MeritProfile.of(0, 1, 2, 3, 4), names).orElseThrow());
        assertEquals("Assez bien \u2212", MajorityJudgment.mention(MeritProfile.of(3, 1, 3, 2, 0), names).orElseThrow());
        assertEquals("Assez bien \u2212", MajorityJudgment.mention(MeritProfile.of(1, 0, 1, 0, 1), names).orElseThrow(),
                "as many above as below: minus");
        assertEquals("Passable +", MajorityJudgment.mention(MeritProfile.of(1, 2, 0, 0, 2), names).orElseThrow(),
                "2 above, 1 below");
        assertEquals("Très bien", MajorityJudgment.mention(MeritProfile.of(0, 0, 0, 1, 5), names).orElseThrow());
        assertEquals("Insuffisant", MajorityJudgment.mention(MeritProfile.of(5, 1, 0, 0, 0), names).orElseThrow());
        assertTrue(MajorityJudgment.mention(MeritProfile.of(0, 0, 0, 0, 0), names).isEmpty());
    }

    // ---- scales and sizes ----

    @Test
    void aScaleOfTwoGrades() {
        GradeScale yesNo = new GradeScale(List.of("Non", "Oui"));
        Result result = Tally.rank(null, yesNo, List.of("A", "B", "C"),
                List.of(MeritProfile.of(3, 2), MeritProfile.of(2, 3), MeritProfile.of(1, 4)));
        assertEquals(List.of(2, 1, 0), result.ranking());
        assertEquals(List.of("Non", "Oui", "Oui"),
                result.candidates().stream().map(CandidateResult::mention).toList(), "no sign at either end");
    }

    @Test
    void aScaleOfTenGrades() {
        GradeScale ten = GradeScale.ofSize(10);
        Result result = Tally.rank(null, ten, null, List.of(
                MeritProfile.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), MeritProfile.of(0, 0, 0, 0, 5, 5, 0, 0, 0, 0),
                MeritProfile.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 10)));
        assertEquals(List.of(4, 4, 9), result.candidates().stream().map(CandidateResult::majorityGrade).toList());
        assertEquals(List.of(2, 1, 0), result.ranking());
        assertEquals("4 +", result.candidates().get(0).mention());
        assertEquals("9", result.candidates().get(2).mention());
    }

    @Test
    void aThousandCandidatesAreRankedConsistently() {
        Random random = new Random(7);
        List<MeritProfile> profiles = new ArrayList<>();
        for (int c = 0; c < 1000; c++) {
            long[] counts = new long[10];
            for (int ballot = 0; ballot < 300; ballot++) {
                counts[Math.min(9, random.nextInt(10) + random.nextInt(3))]++;
            }
            profiles.add(MeritProfile.of(counts));
        }
        profiles.set(999, profiles.get(3)); // one exact tie
        Result result = Tally.rank("e", GradeScale.ofSize(10), null, profiles);
        assertEquals(1000, result.ranking().size());
        for (int place = 1; place < 1000; place++) {
            int before = result.ranking().get(place - 1);
            int after = result.ranking().get(place);
            assertTrue(MajorityJudgment.compare(profiles.get(before), profiles.get(after)) >= 0);
        }
        assertEquals(result.candidates().get(3).rank(), result.candidates().get(999).rank());
        // spot-check the order against the reference
        for (int place = 1; place < 1000; place += 37) {
            long[] before = longs(profiles.get(result.ranking().get(place - 1)));
            long[] after = longs(profiles.get(result.ranking().get(place)));
            assertTrue(naive(before, after) >= 0);
        }
    }

    @Test
    void moreThanAThousandCandidatesAreRefused() {
        List<MeritProfile> many = Collections.nCopies(1001, MeritProfile.of(1, 0));
        TallyException refused = assertThrows(TallyException.class, () -> Tally.rank(null, GradeScale.ofSize(2), null, many));
        assertEquals("tallies: at most 1000 candidates, not 1001", refused.getMessage());
    }

    // ---- exactness beyond long ----

    /**
     * A family a = [H, H+2, 1], b = [H+1, H, 2]: same median, and the first difference, at the
     * position just left of the center, is reached at the second removal whatever H. Checked
     * ballot by ballot for small H, then with H = 2^80 where no long and no expansion could do.
     */
    @Test
    void countsBeyondLongAreComparedExactly() {
        for (long h = 1; h <= 30; h++) {
            long[] a = {h, h + 2, 1};
            long[] b = {h + 1, h, 2};
            assertEquals(1, naive(a, b), "H = " + h);
            assertEquals(1, MajorityJudgment.compare(MeritProfile.of(a), MeritProfile.of(b)), "H = " + h);
        }
        BigInteger h = BigInteger.TWO.pow(80);
        MeritProfile a = new MeritProfile(new BigInteger[] {h, h.add(BigInteger.TWO), BigInteger.ONE}, "a");
        MeritProfile b = new MeritProfile(new BigInteger[] {h.add(BigInteger.ONE), h, BigInteger.TWO}, "b");
        Result result = Tally.rank(null, GradeScale.ofSize(3), null, List.of(b, a));
        assertEquals(h.shiftLeft(1).add(BigInteger.valueOf(3)), result.ballots());
        assertEquals(List.of(1, 0), result.ranking());
        assertEquals(List.of(1, 1), result.candidates().stream().map(CandidateResult::majorityGrade).toList());
        // a one-ballot difference among 2^81 is visible in the shares only beyond their 6 decimals
        assertEquals(result.candidates().get(0).shares(), result.candidates().get(1).shares());
    }

    // ---- bad input ----

    @Test
    void badInputIsRefusedNamingWhereAndWhat() {
        assertEquals("tallies[1]: counts 4 ballots but tallies[0] counts 3; every ballot grades every candidate",
                assertThrows(TallyException.class, () -> Tally.rank(null, GradeScale.ofSize(3), null,
                        List.of(MeritProfile.of(1, 1, 1), MeritProfile.of(1, 1, 2)))).getMessage());
        assertEquals("tallies[0]: has 2 counts but there are 3 grades", assertThrows(TallyException.class,
                () -> Tally.rank(null, GradeScale.ofSize(3), null, List.of(MeritProfile.of(1, 1)))).getMessage());
        assertEquals("tallies", assertThrows(TallyException.class,
                () -> Tally.rank(null, GradeScale.ofSize(3), null, List.of())).where());
        assertEquals("candidates: 1 names for 2 tallies", assertThrows(TallyException.class,
                () -> Tally.rank(null, GradeScale.ofSize(2), List.of("A"),
                        List.of(MeritProfile.of(1, 1), MeritProfile.of(1, 1)))).getMessage());
        assertEquals("candidates[1]", assertThrows(TallyException.class,
                () -> Tally.rank(null, GradeScale.ofSize(2), List.of("A", " "),
                        List.of(MeritProfile.of(1, 1), MeritProfile.of(1, 1)))).where());
        assertEquals("election", assertThrows(TallyException.class,
                () -> Tally.rank(" ", GradeScale.ofSize(2), null, List.of(MeritProfile.of(1, 1)))).where());
    }

    // ---- the count-based comparison against the rule applied literally ----

    /** Random small profiles, seeded: the comparison on counts agrees with removing medians ballot by ballot. */
    @Test
    void agreesWithRemovingMediansOneByOneOnRandomSmallProfiles() {
        Random random = new Random(20271);
        for (int trial = 0; trial < 20_000; trial++) {
            int grades = 2 + random.nextInt(9);
            int ballots = random.nextInt(trial < 10_000 ? 12 : 60);
            long[] a = randomProfile(random, grades, ballots);
            long[] b = switch (random.nextInt(4)) {
                case 0 -> a.clone();
                case 1 -> nudge(random, a);
                default -> randomProfile(random, grades, ballots);
            };
            int expected = Integer.signum(naive(a, b));
            assertEquals(expected, Integer.signum(MajorityJudgment.compare(MeritProfile.of(a), MeritProfile.of(b))),
                    Arrays.toString(a) + " vs " + Arrays.toString(b));
            assertEquals(-expected, Integer.signum(MajorityJudgment.compare(MeritProfile.of(b), MeritProfile.of(a))),
                    "antisymmetric: " + Arrays.toString(b) + " vs " + Arrays.toString(a));
        }
    }

    /** Random rankings of several candidates agree with sorting by the reference. */
    @Test
    void rankingsAgreeWithTheReferenceOnRandomElections() {
        Random random = new Random(99);
        for (int trial = 0; trial < 500; trial++) {
            int grades = 2 + random.nextInt(9);
            int ballots = random.nextInt(25);
            int candidates = 1 + random.nextInt(8);
            List<long[]> tallies = new ArrayList<>();
            for (int c = 0; c < candidates; c++) {
                tallies.add(random.nextInt(5) == 0 && c > 0 ? tallies.get(random.nextInt(c)).clone()
                        : randomProfile(random, grades, ballots));
            }
            Result result = Tally.rank(null, GradeScale.ofSize(grades), null,
                    tallies.stream().map(MeritProfile::of).toList());
            List<Integer> expected = IntStream.range(0, candidates).boxed()
                    .sorted((x, y) -> x.equals(y) ? 0 : naive(tallies.get(y), tallies.get(x)) != 0
                            ? naive(tallies.get(y), tallies.get(x)) : Integer.compare(x, y))
                    .toList();
            assertEquals(expected, result.ranking(), tallies.stream().map(Arrays::toString).toList().toString());
            for (int c = 0; c < candidates; c++) {
                int better = 0;
                for (int other = 0; other < candidates; other++) {
                    better += naive(tallies.get(other), tallies.get(c)) > 0 ? 1 : 0;
                }
                assertEquals(better + 1, result.candidates().get(c).rank(), "competition rank of " + c);
            }
        }
    }

    private static long[] randomProfile(Random random, int grades, int ballots) {
        long[] counts = new long[grades];
        for (int i = 0; i < ballots; i++) {
            counts[random.nextInt(grades)]++;
        }
        return counts;
    }

    /** The same profile with one ballot moved to a neighbouring grade: ties deep into the removals. */
    private static long[] nudge(Random random, long[] counts) {
        long[] nudged = counts.clone();
        int from = random.nextInt(counts.length);
        if (nudged[from] == 0) {
            return nudged;
        }
        int to = from == 0 ? 1 : from == counts.length - 1 ? from - 1 : from + (random.nextBoolean() ? 1 : -1);
        nudged[from]--;
        nudged[to]++;
        return nudged;
    }

    /** The reference: expands the ballots and removes lower medians one by one until the grades differ. */
    static int naive(long[] a, long[] b) {
        List<Integer> left = expand(a);
        List<Integer> right = expand(b);
        while (!left.isEmpty()) {
            int medianA = left.remove((left.size() - 1) / 2);
            int medianB = right.remove((right.size() - 1) / 2);
            if (medianA != medianB) {
                return Integer.compare(medianA, medianB);
            }
        }
        return 0;
    }

    /** At which removal (0 the first) the reference finds a difference; -1 for none. */
    private static int naiveDepth(long[] a, long[] b) {
        List<Integer> left = expand(a);
        List<Integer> right = expand(b);
        for (int removal = 0; !left.isEmpty(); removal++) {
            if (!left.remove((left.size() - 1) / 2).equals(right.remove((right.size() - 1) / 2))) {
                return removal;
            }
        }
        return -1;
    }

    /** The ballots' grades, sorted worst first. */
    private static List<Integer> expand(long[] counts) {
        List<Integer> grades = new ArrayList<>();
        for (int g = 0; g < counts.length; g++) {
            for (long i = 0; i < counts[g]; i++) {
                grades.add(g);
            }
        }
        return grades;
    }

    private static List<Integer> ranks(Result result) {
        return result.candidates().stream().map(CandidateResult::rank).toList();
    }

    private static long[] longs(MeritProfile profile) {
        return profile.counts().stream().mapToLong(BigInteger::longValueExact).toArray();
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).longValue();
        }
        return values;
    }

    private static List<Integer> ints(JsonNode array) {
        return IntStream.range(0, array.size()).mapToObj(i -> array.get(i).asInt()).toList();
    }

    private static List<String> strings(JsonNode array) {
        return IntStream.range(0, array.size()).mapToObj(i -> array.get(i).asText()).toList();
    }
}
