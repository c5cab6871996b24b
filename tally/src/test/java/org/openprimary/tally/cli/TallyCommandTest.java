package org.openprimary.tally.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the command's logic in-process, with its own streams, and checks output and exit code. */
class TallyCommandTest {

    private static final String INPUT = "{\"grades\": [\"Insuffisant\", \"Passable\", \"Assez bien\", \"Bien\", \"Très bien\"],"
            + " \"candidates\": [\"Camille\", \"=HYPERLINK(\\\"x\\\")\", \"<script>alert(1)</script>\"],"
            + " \"tallies\": [[2, 3, 5, 6, 4], [2, 3, 5, 4, 6], [8, 4, 4, 2, 2]]}";

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    private static Run run(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TallyCommand.run(args, stdin, new PrintStream(out, false, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TallyCommandTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The example of docs/tally.md, byte for byte. */
    @ParameterizedTest
    @CsvSource({"rank, /cli/example-rank.json", "csv, /cli/example.csv", "chart, /cli/example.svg"})
    void theDocumentedExamplePrintsExactlyTheDocumentedOutput(String command, String expected) throws IOException {
        Run run = run(resource("/cli/example.json"), command);
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertEquals(resource(expected), run.out());
    }

    @Test
    void rankPrintsTheRankingAsIssue3SpecifiesIt() throws Exception {
        Run run = run(INPUT, "rank");
        assertEquals(0, run.exit(), run.err());
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertEquals(20, result.get("ballots").asInt());
        assertEquals("[1,0,2]", result.get("ranking").toString());
        JsonNode first = result.get("candidates").get(0);
        assertEquals(0, first.get("index").asInt());
        assertEquals("Camille", first.get("name").asText());
        assertEquals(2, first.get("rank").asInt());
        assertEquals(2, first.get("majorityGrade").asInt());
        assertEquals("Assez bien", first.get("majorityGradeName").asText());
        assertEquals("Assez bien +", first.get("mention").asText());
        assertTrue(run.out().contains("\"shares\" : [ 0.100000, 0.150000, 0.250000, 0.300000, 0.200000 ]"), run.out());
        assertEquals("Passable \u2212", result.get("candidates").get(2).get("mention").asText());
    }

    @Test
    void theInputMayComeFromAFileOrFromStandardInputAsDash(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("input.json");
        Files.writeString(file, INPUT);
        Run fromFile = run("", "rank", file.toString());
        Run fromDash = run(INPUT, "rank", "-");
        assertEquals(0, fromFile.exit(), fromFile.err());
        assertEquals(fromFile.out(), fromDash.out());
        assertEquals(fromFile.out(), run(INPUT, "rank").out());
    }

    @Test
    void countsOfAnySizeAreReadExactly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("huge.json");
        Files.writeString(file, "{\"grades\": 2, \"tallies\": [[123456789012345678901234567890, 1],"
                + " [123456789012345678901234567891, 0]]}");
        Run run = run("", "rank", file.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode result = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS).readTree(run.out());
        assertEquals(new BigInteger("123456789012345678901234567891"), result.get("ballots").bigIntegerValue());
        assertEquals("[0,1]", result.get("ranking").toString());
        assertTrue(result.get("candidates").get(0).get("name").isNull());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"grades\": 3, \"tallies\": [[1, 2, 3], [1, -2, 3]]}|tallies[1][1]: negative count -2",
        "{\"grades\": 3, \"tallies\": [[1, 2, 3], [1, 2, 2]]}|tallies[1]: counts 5 ballots but tallies[0] counts 6;"
                + " every ballot grades every candidate",
        "{\"grades\": 3, \"tallies\": [[1, 2, 3], [1, 2]]}|tallies[1]: has 2 counts but there are 3 grades",
        "{\"grades\": [\"a\", \"b\"], \"tallies\": [[1, 2, 3]]}|tallies[0]: has 3 counts but there are 2 grades",
        "{\"grades\": 3, \"tallies\": []}|tallies: the list is empty: there is no candidate to rank",
        "{\"grades\": 3, \"tallies\": [[1, 2.5, 3]]}|tallies[0][1]: 2.5 is not a whole number of ballots",
        "{\"grades\": 3, \"tallies\": [[1, 1e3, 3]]}|tallies[0][1]: 1E+3 is not a whole number of ballots",
        "{\"grades\": 3, \"tallies\": [[1, \"2\", 3]]}|tallies[0][1]: a string is not a whole number of ballots",
        "{\"grades\": 3, \"tallies\": [[1, 2, 3], 4]}|tallies[1]: expected an array of counts, worst grade first, not a number",
        "{\"grades\": 3, \"tallies\": {}}|tallies: expected an array of tallies, one per candidate, not an object",
        "{\"grades\": 3}|tallies: missing: give one array of counts per candidate",
        "{\"tallies\": [[1, 1]]}|grades: missing: give the grade names, worst first, or their number",
        "{\"grades\": 11, \"tallies\": [[1]]}|grades: a scale has 2 to 10 grades, not 11",
        "{\"grades\": 99999999999999999999, \"tallies\": [[1]]}|grades: a scale has 2 to 10 grades, not 99999999999999999999",
        "{\"grades\": [\"A\"], \"tallies\": [[1]]}|grades: a scale has 2 to 10 grades, not 1",
        "{\"grades\": [\"A\", \"A\"], \"tallies\": [[1, 1]]}|grades[1]: the grade 'A' is listed twice",
        "{\"grades\": [\"A\", 2], \"tallies\": [[1, 1]]}|grades[1]: a grade's name is a string, not a number",
        "{\"grades\": 2, \"candidates\": [\"A\"], \"tallies\": [[1, 1], [2, 0]]}|candidates: 1 names for 2 tallies",
        "{\"grades\": 2, \"candidates\": [\"A\", null], \"tallies\": [[1, 1], [2, 0]]}|candidates[1]: a name is a string, not null",
        "{\"grades\": 2, \"candidates\": [\"A\", \"\"], \"tallies\": [[1, 1], [2, 0]]}|candidates[1]: a candidate's name is not blank",
        "{\"grades\": 2, \"tallies\": [[1, 1]], \"talies\": []}|talies: unknown key; expected \"grades\", \"candidates\","
                + " \"tallies\" and optionally \"title\"",
        "{\"grades\": 2, \"tallies\": [[1, 1]], \"grades\": 3}|input: malformed JSON at line 1, column 44: Duplicate field 'grades'",
        "{\"grades\": 2, \"tallies\": [[1, 1]]|input: malformed JSON at line 1, column 34: Unexpected end-of-input",
        "{\"grades\": 2, \"tallies\": [[1, 1]]} {}|input: malformed JSON at line 1, column 36: unexpected content after the JSON object",
        "[1, 2]|input: expected a JSON object with \"grades\" and \"tallies\", not an array",
        "' '|input: empty; expected a JSON object with \"grades\" and \"tallies\""})
    void badInputIsOneLineOnStandardErrorSayingWhereAndWhatAndExitCode2(String input, String message) {
        Run run = run(input.equals(" ") ? "" : input, "rank");
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("tally: " + message), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals("", run.out(), "nothing on standard output");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rank", "csv", "chart"})
    void everyResultCommandRefusesBadInputTheSameWay(String command) {
        Run run = run("{\"grades\": 3, \"tallies\": [[1, 2, 3], [1, 2, 2]]}", command);
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("tally: tallies[1]: counts 5 ballots"), run.err());
    }

    @Test
    void aMissingFileOrADirectoryIsBadInput(@TempDir Path dir) {
        Run missing = run("", "rank", dir.resolve("nope.json").toString());
        assertEquals(2, missing.exit());
        assertEquals("tally: " + dir.resolve("nope.json") + ": no such file\n", missing.err());
        Run directory = run("", "rank", dir.toString());
        assertEquals(2, directory.exit());
        assertEquals("tally: " + dir + ": is a directory, not a file\n", directory.err());
    }

    @Test
    void noOrAnUnknownCommandPrintsTheUsageAndExits2() {
        Run none = run(INPUT);
        assertEquals(2, none.exit());
        assertTrue(none.err().startsWith("tally: no command given\nusage: "), none.err());
        Run unknown = run(INPUT, "verify-nothing");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("tally: unknown command 'verify-nothing'\n"), unknown.err());
        for (String command : new String[] {"rank [FILE]", "csv [FILE]", "chart [FILE]", "help"}) {
            assertTrue(unknown.err().contains("  " + command), command);
        }
    }

    @Test
    void wrongArgumentsPrintTheUsageAndExit2() {
        Run extra = run(INPUT, "rank", "a.json", "b.json");
        assertEquals(2, extra.exit());
        assertTrue(extra.err().startsWith("tally: rank takes at most one FILE, not 2 arguments\nusage: "), extra.err());
        Run option = run(INPUT, "csv", "--nope");
        assertEquals(2, option.exit());
        assertTrue(option.err().startsWith("tally: csv: unknown option --nope\n"), option.err());
    }

    @Test
    void helpPrintsTheUsageOnStandardOutputAndExits0() {
        for (String help : new String[] {"help", "--help", "-h"}) {
            Run run = run("", help);
            assertEquals(0, run.exit());
            assertTrue(run.out().startsWith("usage: java -jar openprimary-tally-cli.jar COMMAND [ARGUMENTS]"), run.out());
            assertEquals("", run.err());
        }
    }

    @Test
    void aFailureToWriteTheOutputIsExitCode1() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TallyCommand.run(new String[] {"rank"}, new ByteArrayInputStream(INPUT.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(broken, false, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, exit);
        assertEquals("tally: failed to write the output\n", err.toString(StandardCharsets.UTF_8));
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
    void theChartIsAccessibleEscapesEveryNameAndTakesItsTitleFromTheInput() {
        Run run = run(INPUT.replace("{\"grades\"", "{\"title\": \"Primaire <citoyenne>\", \"grades\""), "chart");
        assertEquals(0, run.exit(), run.err());
        String svg = run.out();
        assertTrue(svg.contains("<title id=\"chart-title\">Primaire &lt;citoyenne&gt;</title>"), svg);
        assertTrue(svg.contains("<desc id=\"chart-desc\">"));
        assertTrue(svg.contains(">50 %</text>"));
        assertFalse(svg.contains("<script>"), "names are escaped");
        assertTrue(svg.contains("&lt;script&gt;"));
        assertTrue(svg.indexOf("Rank 1: =HYPERLINK") < svg.indexOf("Rank 2: Camille"), "bars in rank order");
        assertTrue(svg.indexOf("Rank 2: Camille") < svg.indexOf("Rank 3: &lt;script&gt;"), "bars in rank order");
    }
}
