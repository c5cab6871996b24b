package org.openprimary.tally.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {

    @Test
    void theDefaultScaleIsTheFrenchOne() {
        assertEquals(List.of("Insuffisant", "Passable", "Assez bien", "Bien", "Très bien"), GradeScale.DEFAULT.names());
        assertEquals(GradeScale.DEFAULT, GradeScale.ofSize(5));
        assertEquals(List.of("0", "1"), GradeScale.ofSize(2).names());
        assertEquals(9, GradeScale.ofSize(10).best());
    }

    @Test
    void aScaleHasTwoToTenDistinctNamedGrades() {
        assertEquals("grades: a scale has 2 to 10 grades, not 1",
                assertThrows(TallyException.class, () -> new GradeScale(List.of("Seul"))).getMessage());
        assertEquals("grades: a scale has 2 to 10 grades, not 11",
                assertThrows(TallyException.class, () -> GradeScale.ofSize(11)).getMessage());
        assertEquals("grades[1]: a grade needs a name",
                assertThrows(TallyException.class, () -> new GradeScale(List.of("A", " "))).getMessage());
        assertEquals("grades[2]: the grade 'A' is listed twice",
                assertThrows(TallyException.class, () -> new GradeScale(List.of("A", "B", " A"))).getMessage());
        assertEquals(List.of("A", "B"), new GradeScale(List.of(" A", "B ")).names());
    }

    @Test
    void aScaleCannotBeChangedFromOutside() {
        List<String> names = new ArrayList<>(List.of("Non", "Oui"));
        GradeScale scale = new GradeScale(names);
        names.set(0, "Changed");
        assertEquals("Non", scale.name(0));
        assertThrows(UnsupportedOperationException.class, () -> scale.names().set(0, "x"));
    }

    @Test
    void aProfileRefusesNegativeOrMissingCountsNamingTheGrade() {
        assertEquals("tallies[2][1]: negative count -1", assertThrows(TallyException.class,
                () -> new MeritProfile(new BigInteger[] {BigInteger.ONE, BigInteger.valueOf(-1)}, "tallies[2]"))
                .getMessage());
        assertEquals("t[0]: a count is missing", assertThrows(TallyException.class,
                () -> new MeritProfile(new BigInteger[] {null, BigInteger.ONE}, "t")).getMessage());
        assertEquals("t: a merit profile needs a count per grade", assertThrows(TallyException.class,
                () -> new MeritProfile(new BigInteger[0], "t")).getMessage());
    }

    @Test
    void aProfileKnowsWhichGradeSitsAtEachPosition() {
        MeritProfile profile = MeritProfile.of(2, 0, 3);
        assertEquals(BigInteger.valueOf(5), profile.total());
        assertEquals(List.of(0, 0, 2, 2, 2), List.of(1, 2, 3, 4, 5).stream()
                .map(p -> profile.gradeAt(BigInteger.valueOf(p))).toList());
        assertEquals(BigInteger.TWO, profile.cumulative(1));
        assertEquals(BigInteger.ZERO, profile.cumulative(-1));
        assertThrows(IllegalArgumentException.class, () -> profile.gradeAt(BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> profile.gradeAt(BigInteger.valueOf(6)));
    }

    @Test
    void aProfileIsImmutable() {
        BigInteger[] counts = {BigInteger.ONE, BigInteger.TWO};
        MeritProfile profile = new MeritProfile(counts, "t");
        counts[0] = BigInteger.TEN;
        assertEquals(BigInteger.ONE, profile.count(0));
        assertEquals(MeritProfile.of(1, 2), profile);
        assertThrows(UnsupportedOperationException.class, () -> profile.counts().set(0, BigInteger.TEN));
    }

    // ---- Result checks that it is whole and consistent ----

    private static CandidateResult line(int index, int rank, long... counts) {
        MeritProfile profile = MeritProfile.of(counts);
        BigDecimal zero = new BigDecimal("0.5");
        List<BigDecimal> shares = Arrays.stream(counts).mapToObj(c -> zero).toList();
        boolean counted = profile.total().signum() > 0;
        return new CandidateResult(index, null, profile, shares, counted ? 0 : null, counted ? "Non" : null,
                counted ? "Non" : null, rank);
    }

    private static final GradeScale YES_NO = new GradeScale(List.of("Non", "Oui"));

    @Test
    void aConsistentResultIsAccepted() {
        Result result = new Result("e", YES_NO, BigInteger.TWO, List.of(line(0, 1, 1, 1), line(1, 1, 1, 1)), List.of(0, 1));
        assertEquals(1, result.atPlace(1).rank());
    }

    @Test
    void aResultWhoseTotalsDoNotMatchTheBallotsIsRefused() {
        assertEquals("candidate 1 has 3 grades but 2 ballots were counted", assertThrows(IllegalArgumentException.class,
                () -> new Result(null, YES_NO, BigInteger.TWO, List.of(line(0, 1, 1, 1), line(1, 2, 2, 1)),
                        List.of(0, 1))).getMessage());
    }

    @Test
    void aResultWithABrokenRankingIsRefused() {
        List<CandidateResult> two = List.of(line(0, 1, 1, 1), line(1, 2, 2, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Result(null, YES_NO, BigInteger.TWO, two, List.of(0, 0)), "a candidate twice");
        assertThrows(IllegalArgumentException.class,
                () -> new Result(null, YES_NO, BigInteger.TWO, two, List.of(0)), "a candidate missing");
        assertThrows(IllegalArgumentException.class,
                () -> new Result(null, YES_NO, BigInteger.TWO, two, List.of(1, 0)), "ranks against the ranking");
        assertThrows(IllegalArgumentException.class, () -> new Result(null, YES_NO, BigInteger.TWO,
                List.of(line(0, 1, 1, 1), line(1, 3, 2, 0)), List.of(0, 1)), "not a competition rank");
        assertThrows(IllegalArgumentException.class, () -> new Result(null, YES_NO, BigInteger.TWO,
                List.of(line(1, 1, 1, 1), line(0, 2, 2, 0)), List.of(0, 1)), "indices out of place");
        assertThrows(IllegalArgumentException.class, () -> new Result(null, YES_NO, BigInteger.TWO,
                List.of(line(0, 1, 1, 1), line(1, 1, 1, 1)), List.of(1, 0)), "a tie not in index order");
    }

    @Test
    void aCandidateLineWithAGradeButNoBallotsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CandidateResult(0, null, MeritProfile.of(0, 0),
                List.of(BigDecimal.ZERO, BigDecimal.ZERO), 0, "Non", "Non", 1));
        assertThrows(IllegalArgumentException.class, () -> new CandidateResult(0, null, MeritProfile.of(1, 0),
                List.of(BigDecimal.ONE), 0, "Non", "Non", 1), "a share per grade");
        assertThrows(IllegalArgumentException.class, () -> new CandidateResult(0, null, MeritProfile.of(1, 0),
                List.of(BigDecimal.ONE, BigDecimal.ZERO), 0, "Non", "Non", 0), "ranks start at 1");
    }
}
