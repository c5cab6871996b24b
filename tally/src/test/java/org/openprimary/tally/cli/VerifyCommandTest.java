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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openprimary.tally.control.RecordCheck;
import org.openprimary.tally.control.RecordFixture;

/** {@code tally verify}: its lines, its JSON and its exit codes 0 (verified), 3 (not verified) and 2 (bad input). */
class VerifyCommandTest {

    private record Run(int exit, String out, String err) {

        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TallyCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, false, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The standard record with its first ballot removed: incomplete, and it no longer recounts. */
    private static String withoutFirstBallot(String record) {
        return record.replaceFirst("(\"ballots\": \\[\n)    \\[[^\\]]*\\],\n", "$1");
    }

    private static String resource(String name) throws java.io.IOException {
        try (java.io.InputStream in = VerifyCommandTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The worked example of docs/record.md, byte for byte: the example record verifies; with its last
     * ballot altered and its third and fourth receipts swapped, it does not.
     */
    @Test
    void theDocumentedExamplesPrintExactlyTheDocumentedOutput() throws Exception {
        String record = resource("/record/example-record.json");
        Run good = run(record, "verify", "-");
        assertEquals(0, good.exit(), good.err());
        assertEquals(resource("/record/example-verify.txt"), good.out());
        String third = "\"0c15c4b101588bba5d5216da20260d0c21b0a8c184efe121b6284ff60bfb1e13\"";
        String fourth = "\"40757906f1faf4790b19c93415aae9097e9450183ab2119cf6f0f2a49bc764df\"";
        String tampered = record.replace("[1, 4, 0]", "[1, 4, 4]").replace(third, "@").replace(fourth, third)
                .replace("@", fourth);
        Run bad = run(tampered, "verify", "-");
        assertEquals(3, bad.exit(), bad.err());
        assertEquals(resource("/record/example-tampered-verify.txt"), bad.out());
    }

    @Test
    void aGoodRecordPrintsOnePassLinePerCheckAndExits0(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("record.json");
        Files.write(file, RecordFixture.standard().bytes());
        Run run = run("", "verify", file.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        List<String> lines = run.lines();
        assertEquals(RecordCheck.values().length + 1, lines.size(), run.out());
        for (RecordCheck check : RecordCheck.values()) {
            String prefix = String.format("PASS %-16s  %-12s  ", check.id(), check.category().label());
            assertTrue(lines.get(check.ordinal()).startsWith(prefix), lines.get(check.ordinal()));
        }
        assertEquals("PASS COUNT-COMPLETE    completeness  120 ballots, 120 receipts, 120 voters marked, on a roll of 150",
                lines.get(RecordCheck.COUNT_COMPLETE.ordinal()));
        assertEquals("record verified: 7 checks passed", lines.get(7));
    }

    @Test
    void aTamperedRecordFromStandardInputPrintsTheFailuresAndExits3() {
        String tampered = withoutFirstBallot(RecordFixture.standard().text());
        Run run = run(tampered, "verify", "-");
        assertEquals(3, run.exit(), run.err());
        assertEquals("", run.err());
        List<String> lines = run.lines();
        assertEquals("FAIL COUNT-COMPLETE    completeness  120 receipts but 119 ballots: 1 ballot missing",
                lines.get(RecordCheck.COUNT_COMPLETE.ordinal()));
        assertTrue(lines.get(RecordCheck.RESULT_RECOUNT.ordinal()).startsWith(
                "FAIL RESULT-RECOUNT    consistency   result.ballots: expected 119, found 120; "), run.out());
        assertTrue(lines.get(RecordCheck.BOX_CHAIN.ordinal()).startsWith("PASS BOX-CHAIN         integrity     "));
        assertEquals("record NOT verified: 2 of 7 checks failed", lines.get(7));
    }

    @Test
    void jsonPrintsTheReportForMachinesWhereverTheOptionIs() throws Exception {
        String tampered = withoutFirstBallot(RecordFixture.standard().text());
        for (String[] args : new String[][] {{"verify", "--json", "-"}, {"verify", "-", "--json"}}) {
            Run run = run(tampered, args);
            assertEquals(3, run.exit(), run.err());
            JsonNode report = new ObjectMapper().readTree(run.out());
            assertEquals("openprimary-record-verification/1", report.get("format").asText());
            assertFalse(report.get("verified").asBoolean());
            assertEquals(7, report.get("checks").asInt());
            assertEquals(2, report.get("failed").asInt());
            JsonNode complete = report.get("results").get(RecordCheck.COUNT_COMPLETE.ordinal());
            assertEquals("COUNT-COMPLETE", complete.get("id").asText());
            assertEquals("completeness", complete.get("category").asText());
            assertFalse(complete.get("passed").asBoolean());
            assertEquals(1, complete.get("failureCount").asInt());
            assertEquals("120 receipts but 119 ballots: 1 ballot missing", complete.get("failures").get(0).asText());
            JsonNode seal = report.get("results").get(0);
            assertTrue(seal.get("passed").asBoolean());
            assertTrue(seal.get("evidence").asText().startsWith("the SHA-256 of the seal document"));
        }
        Run good = run(RecordFixture.standard().text(), "verify", "--json", "-");
        assertEquals(0, good.exit(), good.err());
        assertTrue(new ObjectMapper().readTree(good.out()).get("verified").asBoolean());
    }

    @Test
    void aRecordThatCannotBeReadIsOneLineOnStandardErrorAndExit2() {
        Run run = run(RecordFixture.standard().text().replace("  \"voters\": 120,\n", ""), "verify", "-");
        assertEquals(2, run.exit());
        assertEquals("", run.out(), "no report for a record that could not be read");
        assertEquals("tally: voters: expected here, found \"receipts\" (the record's fields come in the order"
                + " docs/record.md gives, none missing, none added)\n", run.err());
        Run json = run("{\"format\": \"openprimary-record/9\"}", "verify", "--json", "-");
        assertEquals(2, json.exit());
        assertEquals("tally: format: unknown format 'openprimary-record/9'; this verifier reads openprimary-record/1\n",
                json.err());
        Run notJson = run("not json", "verify", "-");
        assertEquals(2, notJson.exit());
        assertTrue(notJson.err().startsWith("tally: record: malformed JSON at line 1"), notJson.err());
    }

    @Test
    void aMissingRecordFileIsBadInput(@TempDir Path dir) {
        Run run = run("", "verify", dir.resolve("nope.json").toString());
        assertEquals(2, run.exit());
        assertEquals("tally: " + dir.resolve("nope.json") + ": no such file\n", run.err());
    }

    @Test
    void wrongArgumentsPrintTheUsageAndExit2() {
        Run none = run("", "verify");
        assertEquals(2, none.exit());
        assertTrue(none.err().startsWith("tally: verify: which RECORD? give a file, or - for standard input\nusage: "),
                none.err());
        Run two = run("", "verify", "a.json", "b.json");
        assertEquals(2, two.exit());
        assertTrue(two.err().startsWith("tally: verify takes one RECORD, not 2\n"), two.err());
        Run option = run("", "verify", "--yaml", "a.json");
        assertEquals(2, option.exit());
        assertTrue(option.err().startsWith("tally: verify: unknown option --yaml\n"), option.err());
    }

    @Test
    void theHelpListsVerifyAndExitCode3() {
        Run help = run("", "help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("  verify [--json] RECORD  verify a public record"), help.out());
        assertTrue(help.out().contains("3 verify: a check failed"), help.out());
    }
}
