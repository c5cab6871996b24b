package org.openprimary.tally.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TallyCommandTest {

    private static final String INPUT = "{\"grades\": [\"Insuffisant\", \"Passable\", \"Assez bien\", \"Bien\", \"Très bien\"],"
            + " \"candidates\": [\"Camille\", \"=HYPERLINK(\\\"x\\\")\", \"<script>alert(1)</script>\"],"
            + " \"tallies\": [[2, 3, 5, 6, 4], [2, 3, 5, 4, 6], [8, 4, 4, 2, 2]]}";

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TallyCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rankPrintsTheRankingAsJson() throws Exception {
        Run run = run(INPUT, "rank");
        assertEquals(0, run.exit(), run.err());
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertEquals(20, result.get("ballots").asInt());
        assertEquals("[1,0,2]", result.get("ranking").toString());
        JsonNode first = result.get("candidates").get(0);
        assertEquals("Camille", first.get("name").asText());
        assertEquals(2, first.get("rank").asInt());
        assertEquals(2, first.get("majorityGrade").asInt());
        assertEquals("Assez bien", first.get("majorityGradeName").asText());
        assertEquals("Assez bien +", first.get("mention").asText());
        assertEquals(0, new java.math.BigDecimal("0.3").compareTo(first.get("shares").get(3).decimalValue()));
        assertTrue(run.out().contains("0.300000"), "shares are written as plain decimals");
    }

    @Test
    void countsOfAnySizeAreReadExactly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("huge.json");
        Files.writeString(file, "{\"grades\": 2, \"tallies\": [[123456789012345678901234567890, 1],"
                + " [123456789012345678901234567891, 0]]}");
        Run run = run("", "rank", file.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("123456789012345678901234567891",
                new ObjectMapper().readTree(run.out()).get("ballots").bigIntegerValue().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"grades\": 3, \"tallies\": [[1, 2, 3], [1, -2, 3]]}|tallies[1][1]: negative count -2",
        "{\"grades\": 3, \"tallies\": [[1, 2, 3], [1, 2, 2]]}|tallies[1]: counts 5 ballots but tallies[0] counts 6",
        "{\"grades\": 3, \"tallies\": [[1, 2, 3], [1, 2]]}|tallies[1]: has 2 counts but there are 3 grades",
        "{\"grades\": 3, \"tallies\": []}|tallies: the list is empty",
        "{\"grades\": 3, \"tallies\": [[1, 2.5, 3]]}|tallies[0][1]: 2.5 is not a whole number",
        "{\"grades\": 11, \"tallies\": [[1]]}|grades: a scale has 2 to 10 grades",
        "{\"grades\": [\"A\", \"A\"], \"tallies\": [[1, 1]]}|grades[1]: the grade 'A' is listed twice",
        "{\"grades\": 2, \"candidates\": [\"A\"], \"tallies\": [[1, 1], [2, 0]]}|candidates: 1 names for 2 tallies",
        "{\"grades\": 2, \"tallies\": [[1, 1]]|input: malformed JSON at line 1",
        "[1, 2]|input: expected a JSON object"})
    void badInputIsOneLineOnStandardErrorAndExitCode2(String input, String message) {
        Run run = run(input, "rank");
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("tally: " + message), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void anUnknownCommandPrintsTheUsage() {
        Run run = run(INPUT, "verify-nothing");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("usage: tally (rank|csv|chart) [FILE]"));
    }

    @Test
    void csvHasOneRowPerCandidateInRankOrderAndDisarmsFormulas() {
        Run run = run(INPUT, "csv");
        assertEquals(0, run.exit(), run.err());
        String[] lines = run.out().split("\r\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("rank,index,name,majority_grade,majority_grade_name,mention,ballots,count Insuffisant"));
        assertTrue(lines[1].startsWith("1,1,\"'=HYPERLINK(\"\"x\"\")\",2,Assez bien,Assez bien +,20,2,3,5,4,6,"), lines[1]);
        assertTrue(lines[2].startsWith("2,0,Camille,"), lines[2]);
    }

    @Test
    void theChartIsAccessibleAndEscapesEveryName() {
        Run run = run(INPUT, "chart");
        assertEquals(0, run.exit(), run.err());
        String svg = run.out();
        assertTrue(svg.contains("<title id=\"title\">"));
        assertTrue(svg.contains("<desc id=\"desc\">"));
        assertTrue(svg.contains("50 %"));
        assertFalse(svg.contains("<script>"), "names are escaped");
        assertTrue(svg.contains("&lt;script&gt;"));
        assertTrue(svg.indexOf("1. =HYPERLINK") < svg.indexOf("2. Camille"), "bars in rank order");
        assertTrue(svg.contains("<title>Très bien: 30.0 %</title>"), "each segment says its grade and share");
    }
}
