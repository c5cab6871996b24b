package org.openprimary.tally.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.ApplicationException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsServiceTest {

    private final ResultsService results = new ResultsService();

    @Test
    void plainBallotsAreCountedAndRanked() {
        ResultView view = results.countBallots("election-1", List.of("Non", "Bof", "Oui"), 2, List.of("A", "B"),
                new byte[] {
                    2, 0,
                    2, 1,
                    1, 2});
        assertEquals("election-1", view.election());
        assertEquals(BigInteger.valueOf(3), view.ballots());
        assertEquals(List.of(0, 1), view.ranking());
        CandidateView a = view.candidates().get(0);
        assertEquals("A", a.name());
        assertEquals(1, a.rank());
        assertEquals(2, a.majorityGrade());
        assertEquals("Oui", a.mention());
        assertEquals(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO), a.counts());
        assertEquals("Bof \u2212", view.candidates().get(1).mention());
    }

    @Test
    void countsGiveTheSameResultAsTheBallotsTheyCount() {
        ResultView fromBallots = results.countBallots("e", null, 2, null, new byte[] {4, 0, 3, 1, 4, 1});
        ResultView fromCounts = results.rankCounts("e", null, null, List.of(
                counts(0, 0, 0, 1, 2), counts(1, 2, 0, 0, 0)));
        assertEquals(fromBallots.json(), fromCounts.json());
        assertEquals(GradeScaleNames.DEFAULT, fromCounts.grades());
    }

    @Test
    void theExportsComeWithTheView() {
        ResultView view = results.rankCounts("e", List.of("Non", "Oui"), List.of("A", "B"),
                List.of(counts(1, 2), counts(2, 1)));
        assertTrue(view.json().contains("\"election\" : \"e\""), view.json());
        assertTrue(view.csv().startsWith("rank,index,name,"));
        assertTrue(view.svg("Primaire").contains("<title id=\"chart-title\">Primaire</title>"));
    }

    @Test
    void badInputIsAnApplicationExceptionNamingWhere() {
        TallyRejectedException unequal = assertThrows(TallyRejectedException.class, () -> results.rankCounts("e", null,
                null, List.of(counts(1, 1, 1, 1, 1), counts(1, 1, 1, 1, 2))));
        assertEquals("tallies[1]", unequal.where());
        assertTrue(unequal.getMessage().startsWith("tallies[1]: counts 6 ballots but tallies[0] counts 5"));
        assertEquals("ballots[1][0]", assertThrows(TallyRejectedException.class,
                () -> results.countBallots("e", null, 2, null, new byte[] {0, 0, 5, 0})).where());
        assertEquals("tallies[0][2]", assertThrows(TallyRejectedException.class,
                () -> results.rankCounts("e", List.of("a", "b", "c"), null,
                        List.of(List.of(BigInteger.ONE, BigInteger.ONE, BigInteger.valueOf(-3))))).where());
        assertEquals("grades", assertThrows(TallyRejectedException.class,
                () -> results.rankCounts("e", List.of("a"), null, List.of(counts(1)))).where());
        ApplicationException marker = TallyRejectedException.class.getAnnotation(ApplicationException.class);
        assertTrue(marker != null && marker.rollback(), "the caller's transaction rolls back, the exception is not wrapped");
    }

    private static List<BigInteger> counts(long... counts) {
        return java.util.Arrays.stream(counts).mapToObj(BigInteger::valueOf).toList();
    }

    private static final class GradeScaleNames {
        static final List<String> DEFAULT = List.of("Insuffisant", "Passable", "Assez bien", "Bien", "Très bien");
    }
}
