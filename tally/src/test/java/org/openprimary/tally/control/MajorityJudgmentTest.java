package org.openprimary.tally.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openprimary.tally.entity.GradeScale;
import org.openprimary.tally.entity.MeritProfile;
import org.openprimary.tally.entity.Result;
import org.openprimary.tally.entity.TallyException;

class MajorityJudgmentTest {

    static Stream<Arguments> sharedCases() throws IOException {
        try (InputStream in = MajorityJudgmentTest.class.getResourceAsStream("/mj/cases.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Arguments> cases = new ArrayList<>();
            root.get("cases").forEach(c -> cases.add(Arguments.of(c.get("name").asText(), c)));
            return cases.stream();
        }
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
        assertEquals(ints(c.get("expected_ranks")), result.candidates().stream().map(r -> r.rank()).toList(), name);
        assertEquals(ints(c.get("expected_majority_grades")),
                result.candidates().stream().map(r -> r.majorityGrade()).toList(), name);
    }

    @Test
    void oneBallotAllGradesEqualAndZeroBallots() {
        Result one = Tally.rank(null, GradeScale.DEFAULT, null, List.of(MeritProfile.of(0, 0, 0, 1, 0)));
        assertEquals(1, one.candidates().get(0).rank());
        assertEquals("Bien", one.candidates().get(0).majorityGradeName());

        Result none = Tally.rank(null, GradeScale.DEFAULT, List.of("A", "B"),
                List.of(MeritProfile.of(0, 0, 0, 0, 0), MeritProfile.of(0, 0, 0, 0, 0)));
        assertEquals(List.of(1, 1), none.candidates().stream().map(r -> r.rank()).toList());
        assertNull(none.candidates().get(0).majorityGrade());
        assertNull(none.candidates().get(0).mention());
    }

    @Test
    void theTieIsBrokenAtTheLastPossibleRemoval() {
        // Same grades but the single worst one: it is reached only at the very last removal.
        MeritProfile a = MeritProfile.of(1, 0, 0, 0, 9);
        MeritProfile b = MeritProfile.of(0, 1, 0, 0, 9);
        assertEquals(-1, MajorityJudgment.compare(a, b));
        assertEquals(1, MajorityJudgment.compare(b, a));
        // Same with an even count: the last removal takes the best grade.
        MeritProfile c = MeritProfile.of(9, 0, 0, 0, 1);
        MeritProfile d = MeritProfile.of(9, 0, 0, 1, 0);
        assertEquals(1, MajorityJudgment.compare(c, d));
    }

    @Test
    void competitionRanksSkipAfterATie() {
        Result result = Tally.rank(null, GradeScale.ofSize(3), null, List.of(
                MeritProfile.of(1, 1, 1), MeritProfile.of(0, 1, 2), MeritProfile.of(0, 1, 2), MeritProfile.of(3, 0, 0)));
        assertEquals(List.of(3, 1, 1, 4), result.candidates().stream().map(r -> r.rank()).toList());
        assertEquals(List.of(1, 2, 0, 3), result.ranking());
    }

    @Test
    void mentionsSignTheBalanceAroundTheMajorityGradeButNotAtTheEnds() {
        List<String> names = GradeScale.DEFAULT.names();
        assertEquals("Bien +", MajorityJudgment.mention(MeritProfile.of(0, 1, 2, 3, 4), names).orElseThrow());
        assertEquals("Assez bien \u2212", MajorityJudgment.mention(MeritProfile.of(3, 1, 3, 2, 0), names).orElseThrow());
        assertEquals("Assez bien \u2212", MajorityJudgment.mention(MeritProfile.of(1, 0, 1, 0, 1), names).orElseThrow(),
                "equal shares above and below: minus");
        assertEquals("Très bien", MajorityJudgment.mention(MeritProfile.of(0, 0, 0, 1, 5), names).orElseThrow());
        assertEquals("Insuffisant", MajorityJudgment.mention(MeritProfile.of(5, 1, 0, 0, 0), names).orElseThrow());
    }

    @Test
    void countsBeyondLongAreExact() {
        BigInteger huge = BigInteger.TWO.pow(80);
        MeritProfile a = new MeritProfile(new BigInteger[] {huge, huge.add(BigInteger.TWO), BigInteger.ONE}, "a");
        MeritProfile b = new MeritProfile(new BigInteger[] {huge.add(BigInteger.ONE), huge, BigInteger.TWO}, "b");
        assertEquals(a.total(), b.total());
        Result result = Tally.rank(null, GradeScale.ofSize(3), null, List.of(a, b));
        assertEquals(a.total(), result.ballots());
        assertEquals(1, result.candidates().get(0).majorityGrade());
    }

    @Test
    void badInputIsRefusedNamingWhere() {
        assertEquals("tallies[1]", assertThrows(TallyException.class, () -> Tally.rank(null, GradeScale.ofSize(3), null,
                List.of(MeritProfile.of(1, 1, 1), MeritProfile.of(1, 1, 2)))).where());
        assertEquals("tallies[0]", assertThrows(TallyException.class, () -> Tally.rank(null, GradeScale.ofSize(3), null,
                List.of(MeritProfile.of(1, 1)))).where());
        assertEquals("tallies", assertThrows(TallyException.class,
                () -> Tally.rank(null, GradeScale.ofSize(3), null, List.of())).where());
        assertEquals("profile[1]", assertThrows(TallyException.class, () -> MeritProfile.of(1, -1, 0)).where());
        assertEquals("grades", assertThrows(TallyException.class, () -> GradeScale.ofSize(11)).where());
    }

    @Test
    void aThousandCandidatesOnTenGrades() {
        Random random = new Random(7);
        List<MeritProfile> profiles = new ArrayList<>();
        for (int c = 0; c < 1000; c++) {
            long[] counts = new long[10];
            long left = 1_000_000;
            for (int g = 0; g < 9; g++) {
                counts[g] = (long) (random.nextDouble() * left / 3);
                left -= counts[g];
            }
            counts[9] = left;
            profiles.add(MeritProfile.of(counts));
        }
        Result result = Tally.rank("e", GradeScale.ofSize(10), null, profiles);
        assertEquals(1000, result.ranking().size());
        for (int i = 1; i < 1000; i++) {
            assertEquals(true, MajorityJudgment.compare(profiles.get(result.ranking().get(i - 1)),
                    profiles.get(result.ranking().get(i))) >= 0);
        }
    }

    /** The count-based comparison against the rule applied literally to expanded ballots. */
    @Test
    void agreesWithRemovingMediansOneByOneOnRandomSmallProfiles() {
        Random random = new Random(20271);
        for (int trial = 0; trial < 3000; trial++) {
            int grades = 2 + random.nextInt(5);
            int ballots = random.nextInt(12);
            long[] a = randomProfile(random, grades, ballots);
            long[] b = random.nextInt(4) == 0 ? a.clone() : randomProfile(random, grades, ballots);
            int expected = Integer.signum(naive(a, b));
            int actual = Integer.signum(MajorityJudgment.compare(MeritProfile.of(a), MeritProfile.of(b)));
            assertEquals(expected, actual, Arrays.toString(a) + " vs " + Arrays.toString(b));
        }
    }

    private static long[] randomProfile(Random random, int grades, int ballots) {
        long[] counts = new long[grades];
        for (int i = 0; i < ballots; i++) {
            counts[random.nextInt(grades)]++;
        }
        return counts;
    }

    /** Expands the ballots and removes lower medians one by one until the grades differ. */
    private static int naive(long[] a, long[] b) {
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

    private static List<Integer> expand(long[] counts) {
        List<Integer> grades = new ArrayList<>();
        for (int g = 0; g < counts.length; g++) {
            for (long i = 0; i < counts[g]; i++) {
                grades.add(g);
            }
        }
        grades.sort(Comparator.naturalOrder());
        return grades;
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
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
