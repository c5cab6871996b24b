package org.openprimary.tally.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openprimary.tally.entity.TallyException;

/**
 * Records built by {@link RecordFixture} from real data: a good one verifies, and each tampering
 * is caught by the check that guards it, with a message naming where and expected versus found.
 * Each test also says which checks still pass, so a check that fails on everything fails here.
 */
class RecordVerifierTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    /** Exactly these checks failed; every other passed. */
    private static void assertFailed(RecordReport report, RecordCheck... checks) {
        Set<RecordCheck> failed = report.outcomes().stream().filter(o -> !o.passed()).map(CheckOutcome::check)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RecordCheck.class)));
        Set<RecordCheck> expected = checks.length == 0 ? EnumSet.noneOf(RecordCheck.class)
                : EnumSet.copyOf(Arrays.asList(checks));
        assertEquals(expected, failed, report.text());
        assertEquals(checks.length == 0, report.verified());
    }

    private static List<String> failures(RecordReport report, RecordCheck check) {
        return report.outcome(check).failures();
    }

    private static void assertFailure(RecordReport report, RecordCheck check, String failure) {
        assertTrue(failures(report, check).contains(failure),
                () -> "expected " + check.id() + " to report\n  " + failure + "\nbut it reported\n  "
                        + String.join("\n  ", failures(report, check)));
    }

    @Test
    void aGoodRecordPassesEveryCheckInTheDocumentedOrder() {
        RecordFixture record = RecordFixture.standard();
        RecordReport report = record.verify();
        assertFailed(report);
        assertEquals(List.of(RecordCheck.values()), report.outcomes().stream().map(CheckOutcome::check).toList());
        assertEquals("the SHA-256 of the seal document (" + record.sealDocument.getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length + " bytes) is " + record.fingerprint,
                report.outcome(RecordCheck.SEAL_FINGERPRINT).evidence());
        assertTrue(report.outcome(RecordCheck.BOX_CHAIN).evidence().endsWith("to the record's head " + record.head));
        assertEquals("120 ballots, 120 receipts, 120 voters marked, on a roll of 150",
                report.outcome(RecordCheck.COUNT_COMPLETE).evidence());
    }

    @Test
    void anElectionWithoutBallotsVerifiesWithItsOpeningCheckpoint() {
        RecordFixture record = new RecordFixture(1, 0, 0);
        RecordReport report = record.verify();
        assertFailed(report);
        assertTrue(report.outcome(RecordCheck.RESULT_RECOUNT).evidence().endsWith("(no ballot)"),
                report.outcome(RecordCheck.RESULT_RECOUNT).evidence());
    }

    // ---- ballots ----

    @Test
    void aRemovedBallotIsIncompleteAndDoesNotRecount() {
        RecordFixture record = RecordFixture.standard();
        record.ballots.remove(57);
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.COUNT_COMPLETE, RecordCheck.RESULT_RECOUNT);
        assertEquals(List.of("120 receipts but 119 ballots: 1 ballot missing"), failures(report, RecordCheck.COUNT_COMPLETE));
        assertEquals("result.ballots: expected 119, found 120", failures(report, RecordCheck.RESULT_RECOUNT).get(0));
    }

    @Test
    void anAddedBallotIsIncompleteAndDoesNotRecount() {
        RecordFixture record = RecordFixture.standard();
        record.ballots.add(new int[] {4, 0, 0});
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.COUNT_COMPLETE, RecordCheck.RESULT_RECOUNT);
        assertEquals(List.of("120 receipts but 121 ballots: 1 ballot too many"), failures(report, RecordCheck.COUNT_COMPLETE));
        assertEquals("result.ballots: expected 121, found 120", failures(report, RecordCheck.RESULT_RECOUNT).get(0));
    }

    @Test
    void anAlteredBallotNamesTheCountsThatNoLongerAddUp() throws Exception {
        RecordFixture record = RecordFixture.standard();
        int[] ballot = record.ballots.get(5);
        int before = ballot[1];
        int after = (before + 1) % RecordFixture.GRADES.size();
        JsonNode counts = JSON.readTree(record.resultJson).get("candidates").get(1).get("counts");
        ballot[1] = after;
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.RESULT_RECOUNT);
        assertFailure(report, RecordCheck.RESULT_RECOUNT, "result.candidates[1].counts[" + before + "]: expected "
                + (counts.get(before).asInt() - 1) + ", found " + counts.get(before).asInt());
        assertFailure(report, RecordCheck.RESULT_RECOUNT, "result.candidates[1].counts[" + after + "]: expected "
                + (counts.get(after).asInt() + 1) + ", found " + counts.get(after).asInt());
        assertFalse(failures(report, RecordCheck.RESULT_RECOUNT).stream().anyMatch(f -> f.startsWith("result.candidates[0].counts")),
                "the other candidates' counts are untouched");
    }

    @Test
    void aBallotOffTheScaleOrOfTheWrongLengthIsNamedAndNotCounted() {
        RecordFixture record = RecordFixture.standard();
        record.ballots.set(7, new int[] {1, 5, 2});
        record.ballots.set(9, new int[] {1, 2});
        record.ballots.set(11, new int[] {-1, 0, 0});
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.COUNT_BALLOTS, RecordCheck.RESULT_RECOUNT);
        assertEquals(List.of("ballots[7][1]: grade 5 is not on the scale of 5 grades (0 to 4)",
                "ballots[9]: 2 grades for 3 candidates", "ballots[11][0]: grade -1 is not on the scale of 5 grades (0 to 4)"),
                failures(report, RecordCheck.COUNT_BALLOTS));
        assertEquals("result.ballots: expected 117, found 120", failures(report, RecordCheck.RESULT_RECOUNT).get(0),
                "refused ballots count nothing");
    }

    @Test
    void aGradeBeyondAnyIntegerIsOffTheScaleNotAnError() {
        String text = RecordFixture.standard().text();
        int ballots = text.indexOf("\"ballots\": [\n    [") + "\"ballots\": [\n    [".length();
        RecordReport report = RecordFixture.verify(text.substring(0, ballots) + "123456789012345678901234567890"
                + text.substring(text.indexOf(',', ballots)));
        assertFailure(report, RecordCheck.COUNT_BALLOTS,
                "ballots[0][0]: grade 123456789012345678901234567890 is not on the scale of 5 grades (0 to 4)");
    }

    // ---- receipts and the chain ----

    @Test
    void reorderedReceiptsBreakTheChainAndTheCheckpointsPlaceTheChange() {
        RecordFixture record = RecordFixture.standard();
        Collections.swap(record.receipts, 16, 17);
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.BOX_CHAIN, RecordCheck.BOX_CHECKPOINTS);
        assertEquals(List.of("head: the 120 receipts chain to " + record.headAfter(120) + ", the record's head is '"
                + record.head + "'; the signed checkpoints place the change in positions 1 to 40"),
                failures(report, RecordCheck.BOX_CHAIN));
        RecordWriter.Checkpoint first = record.checkpoints.get(0);
        assertFailure(report, RecordCheck.BOX_CHECKPOINTS, "checkpoints[0] (40 ballots, " + first.at() + "): its head is '"
                + first.head() + "', the chain after 40 receipts is " + record.headAfter(40));
        assertEquals(3, report.outcome(RecordCheck.BOX_CHECKPOINTS).failureCount(), "every checkpoint after the swap");
    }

    @Test
    void reorderedReceiptsWithARecomputedHeadAreStillCaughtByTheSignedCheckpoints() {
        RecordFixture record = RecordFixture.standard();
        Collections.swap(record.receipts, 95, 96);
        record.rechain();
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.BOX_CHECKPOINTS);
        RecordWriter.Checkpoint last = record.checkpoints.get(2);
        assertEquals(List.of("checkpoints[2] (120 ballots, " + last.at() + "): its head is '" + last.head()
                + "', the chain after 120 receipts is " + record.head), failures(report, RecordCheck.BOX_CHECKPOINTS),
                "the checkpoints after 40 and 80 ballots still match");
    }

    @Test
    void aRemovedReceiptBreaksTheChainTheCountAndTheLastCheckpoint() {
        RecordFixture record = RecordFixture.standard();
        record.receipts.remove(49);
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.BOX_CHAIN, RecordCheck.BOX_CHECKPOINTS, RecordCheck.COUNT_COMPLETE);
        assertTrue(failures(report, RecordCheck.BOX_CHAIN).get(0).endsWith("place the change in positions 41 to 80"),
                failures(report, RecordCheck.BOX_CHAIN).get(0));
        String last = "checkpoints[2] (120 ballots, " + record.checkpoints.get(2).at() + ")";
        assertFailure(report, RecordCheck.BOX_CHECKPOINTS, last + " covers more ballots than the 119 receipts of the box");
        assertFailure(report, RecordCheck.BOX_CHECKPOINTS, "the last checkpoint, " + last
                + ", does not cover the box's 119 receipts");
        assertEquals(List.of("119 receipts but 120 ballots: 1 ballot too many",
                "voters is 120 (the roll's \"has voted\" marks), the box holds 119 receipts"),
                failures(report, RecordCheck.COUNT_COMPLETE));
    }

    @Test
    void anAddedReceiptIsUnderNoSignature() {
        RecordFixture record = RecordFixture.standard();
        record.receipts.add(RecordFixture.sha256("a ballot stuffed after closing"));
        record.rechain();
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.BOX_CHECKPOINTS, RecordCheck.COUNT_COMPLETE);
        assertEquals(List.of("the last checkpoint, checkpoints[2] (120 ballots, " + record.checkpoints.get(2).at()
                + "), does not cover the box's 121 receipts: the last 1 are under no signature"),
                failures(report, RecordCheck.BOX_CHECKPOINTS));
        assertFailure(report, RecordCheck.COUNT_COMPLETE, "121 receipts but 120 ballots: 1 ballot missing");
    }

    @Test
    void anAlteredReceiptBreaksTheChain() {
        RecordFixture record = RecordFixture.standard();
        String original = record.receipts.get(16);
        record.receipts.set(16, (original.charAt(0) == '0' ? "1" : "0") + original.substring(1));
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.BOX_CHAIN, RecordCheck.BOX_CHECKPOINTS);
        assertTrue(failures(report, RecordCheck.BOX_CHAIN).get(0).startsWith("head: the 120 receipts chain to "
                + record.headAfter(120)), failures(report, RecordCheck.BOX_CHAIN).get(0));
    }

    @Test
    void aRepeatedReceiptNamesBothPositions() {
        RecordFixture record = RecordFixture.standard();
        record.receipts.set(29, record.receipts.get(11));
        record.rechain();
        record.resign();
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.BOX_CHAIN);
        assertEquals(List.of("position 30 repeats the receipt at position 12 (" + record.receipts.get(11) + ")"),
                failures(report, RecordCheck.BOX_CHAIN));
    }

    @Test
    void aMalformedReceiptIsNamedByItsPosition() {
        RecordFixture record = RecordFixture.standard();
        String upper = record.receipts.get(2).toUpperCase(java.util.Locale.ROOT);
        record.receipts.set(2, upper);
        record.receipts.set(3, "not a receipt");
        record.rechain();
        record.resign();
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.BOX_CHAIN);
        assertEquals(List.of("position 3: '" + upper + "' is not a receipt (64 lower-case hexadecimal characters)",
                "position 4: 'not a receipt' is not a receipt (64 lower-case hexadecimal characters)"),
                failures(report, RecordCheck.BOX_CHAIN));
    }

    // ---- checkpoints ----

    @Test
    void aForgedCheckpointSignatureIsNamed() throws Exception {
        RecordFixture record = RecordFixture.standard();
        RecordWriter.Checkpoint genuine = record.checkpoints.get(1);
        String forged = BoxChain.sign(BoxChain.checkpointText(RecordFixture.ELECTION, genuine.ballots(), genuine.head(),
                genuine.at()), KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        record.checkpoints.set(1, new RecordWriter.Checkpoint(genuine.ballots(), genuine.head(), genuine.at(), forged));
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.BOX_CHECKPOINTS);
        assertEquals(List.of("checkpoints[1] (80 ballots, " + genuine.at() + "): the signature is not valid under signingKey"),
                failures(report, RecordCheck.BOX_CHECKPOINTS));
    }

    @Test
    void aCheckpointWhoseCoveredFiguresWereEditedNoLongerMatchesItsSignature() {
        RecordFixture record = RecordFixture.standard();
        RecordWriter.Checkpoint genuine = record.checkpoints.get(0);
        record.checkpoints.set(0, new RecordWriter.Checkpoint(genuine.ballots(), genuine.head(),
                genuine.at().minusSeconds(60), genuine.signature()));
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.BOX_CHECKPOINTS);
        assertEquals(List.of("checkpoints[0] (40 ballots, " + genuine.at().minusSeconds(60)
                + "): the signature is not valid under signingKey"), failures(report, RecordCheck.BOX_CHECKPOINTS));
    }

    @Test
    void aSignedCheckpointThatDoesNotMatchTheChainIsNamedWithBothHeads() {
        RecordFixture record = RecordFixture.standard();
        Instant at = record.checkpoints.get(1).at();
        record.checkpoints.set(1, record.signed(80, record.headAfter(79), at));
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.BOX_CHECKPOINTS);
        assertEquals(List.of("checkpoints[1] (80 ballots, " + at + "): its head is '" + record.headAfter(79)
                + "', the chain after 80 receipts is " + record.headAfter(80)), failures(report, RecordCheck.BOX_CHECKPOINTS));
    }

    @Test
    void checkpointsOutOfOrderOrMissingAreNamed() {
        RecordFixture swapped = RecordFixture.standard();
        Collections.swap(swapped.checkpoints, 0, 1);
        RecordReport report = swapped.verify();
        assertFailed(report, RecordCheck.BOX_CHECKPOINTS);
        String second = "checkpoints[1] (40 ballots, " + swapped.checkpoints.get(1).at() + ")";
        assertEquals(List.of(second + " covers fewer ballots than checkpoints[0] before it (80)",
                second + " is not later than checkpoints[0] before it (" + swapped.checkpoints.get(0).at() + ")"),
                failures(report, RecordCheck.BOX_CHECKPOINTS));

        RecordFixture truncated = RecordFixture.standard();
        truncated.checkpoints.remove(2);
        assertEquals(List.of("the last checkpoint, checkpoints[1] (80 ballots, " + truncated.checkpoints.get(1).at()
                + "), does not cover the box's 120 receipts: the last 40 are under no signature"),
                failures(truncated.verify(), RecordCheck.BOX_CHECKPOINTS));

        RecordFixture none = RecordFixture.standard();
        none.checkpoints.clear();
        assertEquals(List.of("there is no checkpoint: nothing the box signed covers its 120 receipts"),
                failures(none.verify(), RecordCheck.BOX_CHECKPOINTS));
    }

    @Test
    void aQuietHourStillGetsItsCheckpointWithTheSameNumberOfBallots() {
        RecordFixture record = new RecordFixture(7, 30, 30, 30);
        assertFailed(record.verify());
    }

    @Test
    void aSigningKeyThatIsNoKeyIsSaidOnce() {
        RecordFixture record = RecordFixture.standard();
        record.signingKey = "not a key";
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.BOX_CHECKPOINTS);
        assertEquals(List.of("signingKey 'not a key' is not an Ed25519 public key (base64 of its X.509 encoding),"
                + " so no signature can be checked"), failures(report, RecordCheck.BOX_CHECKPOINTS));
    }

    // ---- completeness ----

    @Test
    void moreReceiptsThanTheRollOrVotersMarkedIsIncomplete() {
        RecordFixture record = RecordFixture.standard();
        record.rollSize = 100;
        record.voters = 119;
        record.reseal(record.seal("openprimary-seal-2", true));
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.COUNT_COMPLETE);
        assertEquals(List.of("voters is 119 (the roll's \"has voted\" marks), the box holds 120 receipts",
                "120 receipts for a roll of 100 voters"), failures(report, RecordCheck.COUNT_COMPLETE));
    }

    // ---- the result ----

    static Stream<Arguments> resultFigures() {
        return Stream.of(
                Arguments.of("/ballots", (UnaryOperator<JsonNode>) n -> JsonNodeFactory.instance.numberNode(n.asLong() + 1)),
                Arguments.of("/candidates/0/counts/2", (UnaryOperator<JsonNode>) n -> new IntNode(n.asInt() + 1)),
                Arguments.of("/candidates/2/rank", (UnaryOperator<JsonNode>) n -> new IntNode(n.asInt() == 1 ? 2 : 1)),
                Arguments.of("/candidates/1/majorityGrade", (UnaryOperator<JsonNode>) n -> new IntNode((n.asInt() + 1) % 5)),
                Arguments.of("/candidates/1/mention", (UnaryOperator<JsonNode>) n -> JsonNodeFactory.instance.textNode("Très bien")),
                Arguments.of("/candidates/0/shares/1", (UnaryOperator<JsonNode>) n -> JsonNodeFactory.instance.numberNode(
                        n.decimalValue().add(new java.math.BigDecimal("0.000001")))),
                Arguments.of("/ranking/0", (UnaryOperator<JsonNode>) n -> new IntNode((n.asInt() + 1) % 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resultFigures")
    void aChangedResultFigureIsNamedWithTheRecountedValue(String pointer, UnaryOperator<JsonNode> change)
            throws Exception {
        RecordFixture record = RecordFixture.standard();
        ObjectNode result = (ObjectNode) JSON.readTree(record.resultJson);
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode parent = result.at(at.head());
        JsonNode original = result.at(at);
        JsonNode changed = change.apply(original);
        if (parent.isArray()) {
            ((ArrayNode) parent).set(at.last().getMatchingIndex(), changed);
        } else {
            ((ObjectNode) parent).set(at.last().getMatchingProperty(), changed);
        }
        record.resultJson = JSON.writeValueAsString(result);
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.RESULT_RECOUNT);
        String path = "result" + pointer.replaceAll("/(\\d+)", "[$1]").replace('/', '.');
        assertEquals(List.of(path + ": expected " + original + ", found " + changed),
                failures(report, RecordCheck.RESULT_RECOUNT));
    }

    @Test
    void sharesWrittenWithFewerDecimalsAreTheSameFigures() throws Exception {
        RecordFixture record = RecordFixture.standard();
        record.resultJson = record.resultJson.replaceAll("(\\d\\.\\d*[1-9])0+([,\\s\\]])", "$1$2");
        assertTrue(record.resultJson.matches("(?s).*\\d\\.\\d{1,5}[,\\s\\]].*"), "some share was shortened");
        assertFailed(record.verify());
    }

    @Test
    void aResultForAnotherElectionOrWithAnExtraFieldIsNamed() throws Exception {
        RecordFixture record = RecordFixture.standard();
        ObjectNode result = (ObjectNode) JSON.readTree(record.resultJson);
        result.put("election", "another");
        result.put("winner", "Camille");
        record.resultJson = JSON.writeValueAsString(result);
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.RESULT_RECOUNT);
        assertEquals(List.of("result.election: expected \"" + RecordFixture.ELECTION + "\", found \"another\"",
                "result.winner: not part of the result, found \"Camille\""), failures(report, RecordCheck.RESULT_RECOUNT));
    }

    // ---- the seal ----

    @Test
    void aChangedSealDocumentNoLongerHashesToItsFingerprint() {
        RecordFixture record = RecordFixture.standard();
        record.sealDocument = record.sealDocument.replace("candidate.1=Dominique \\\\ D.\n", "candidate.1=Dominique\n");
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.SEAL_FINGERPRINT, RecordCheck.SEAL_CONTENT);
        assertEquals(List.of("the seal document's SHA-256 is " + RecordFixture.sha256(record.sealDocument)
                + ", the record's seal.fingerprint is '" + record.fingerprint + "'"),
                failures(report, RecordCheck.SEAL_FINGERPRINT));
        assertEquals(List.of("candidate.1: the seal says 'Dominique', the record 'Dominique \\ D.'"),
                failures(report, RecordCheck.SEAL_CONTENT));
    }

    @Test
    void aWrongFingerprintIsNamedAndNoLongerStartsTheChain() {
        RecordFixture record = RecordFixture.standard();
        String sealed = record.fingerprint;
        record.fingerprint = RecordFixture.sha256("another document");
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.SEAL_FINGERPRINT, RecordCheck.BOX_CHAIN, RecordCheck.BOX_CHECKPOINTS);
        assertEquals(List.of("the seal document's SHA-256 is " + sealed + ", the record's seal.fingerprint is '"
                + record.fingerprint + "'"), failures(report, RecordCheck.SEAL_FINGERPRINT));
    }

    @Test
    void aSealReplacedWithItsFingerprintIsCaughtByTheChainItDoesNotStart() {
        RecordFixture record = RecordFixture.standard();
        record.sealDocument = record.sealDocument.replace("roll.size=150", "roll.size=151");
        record.fingerprint = RecordFixture.sha256(record.sealDocument);
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.SEAL_CONTENT, RecordCheck.BOX_CHAIN, RecordCheck.BOX_CHECKPOINTS);
        assertEquals(List.of("roll.size: the seal says '151', the record '150'"), failures(report, RecordCheck.SEAL_CONTENT));
    }

    /**
     * Issue 8: the participation fee is a line of the seal (registration.fee, after registration.landline):
     * the platform's documents with it verify, and so do those sealed before it existed, whose text
     * and fingerprint are unchanged.
     */
    @Test
    void aSealWithTheParticipationFeeLineVerifiesAndOneSealedBeforeItExistedToo() {
        RecordFixture record = RecordFixture.standard();
        assertTrue(record.sealDocument.contains("\nregistration.landline=accepted-voice-code\nregistration.fee=100 EUR\n"));
        assertFailed(record.verify());

        record.reseal(record.seal("openprimary-seal-2", true).replace("registration.fee=100 EUR\n", ""));
        assertFailed(record.verify());

        record.reseal(record.seal("openprimary-seal-2", true).replace("registration.fee=100 EUR\n",
                "registration.fee=none\n"));
        assertFailed(record.verify());
    }

    @Test
    void aSealWithoutTheRollCredentialsLineFailsWithItsReason() {
        RecordFixture record = RecordFixture.standard();
        record.reseal(record.seal("openprimary-seal-1", false));
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.SEAL_CONTENT);
        assertEquals(List.of("the seal has no roll.credentials line (its format: openprimary-seal-1), so it does not"
                + " commit to the record's roll.credentials '" + record.rollCredentials + "'"),
                failures(report, RecordCheck.SEAL_CONTENT));
    }

    @Test
    void aSealThatNamesOtherCandidatesGradesOrElectionIsNamedLineByLine() {
        RecordFixture record = RecordFixture.standard();
        record.candidates = List.of("Camille", "Dominique \\ D.", "Alix", "Sacha");
        String seal = record.seal("openprimary-seal-2", true);
        record.candidates = List.of("Camille", "Dominique \\ D.", "Alix");
        record.reseal(seal.replace("election=" + RecordFixture.ELECTION, "election=another")
                .replace("grade.4=Très bien", "grade.4=Excellent"));
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.SEAL_CONTENT);
        assertEquals(List.of("election: the seal says 'another', the record '" + RecordFixture.ELECTION + "'",
                "candidates: the seal says '4', the record '3'",
                "candidate.3: the seal names 'Sacha', the record has only 3 candidates",
                "grade.4: the seal says 'Excellent', the record 'Très bien'"),
                failures(report, RecordCheck.SEAL_CONTENT));
    }

    @Test
    void aSealDocumentOutsideItsFormatIsNamedByLine() {
        RecordFixture record = RecordFixture.standard();
        record.reseal(record.seal("openprimary-seal-2", true)
                .replace("title=Primaire citoyenne 2027 \\= jugement", "title=Primaire citoyenne 2027 \\x jugement")
                .replace("registration.roll-mode=OPEN\n", "registration.roll-mode=OPEN\nno equals sign\n")
                .replace("grades=5\n", "grades=5\ngrades=6\n"));
        RecordReport report = record.verify();
        assertFailed(report, RecordCheck.SEAL_CONTENT);
        assertEquals(List.of("seal line 3: unknown escape \\x (the format knows \\\\, \\n, \\r and \\=)",
                "seal line 9: grades is given twice",
                "seal line 18: not key=value: 'no equals sign'",
                "the seal has no title line (its format: openprimary-seal-2), so it does not commit to the record's"
                        + " title '" + RecordFixture.TITLE + "'"),
                failures(report, RecordCheck.SEAL_CONTENT));
    }

    // ---- bad input ----

    static Stream<Arguments> malformedRecords() {
        return Stream.of(
                Arguments.of((UnaryOperator<String>) r -> "", "record: empty; expected the record's JSON object (docs/record.md)"),
                Arguments.of((UnaryOperator<String>) r -> "[]", "record: expected the record's JSON object, not an array"),
                Arguments.of((UnaryOperator<String>) r -> r.substring(0, r.length() / 2),
                        "record: malformed JSON at line "),
                Arguments.of((UnaryOperator<String>) r -> r + "{}", "record: unexpected content after the record's JSON object"),
                Arguments.of((UnaryOperator<String>) r -> r.replace("openprimary-record/1", "openprimary-record/2"),
                        "format: unknown format 'openprimary-record/2'; this verifier reads openprimary-record/1"),
                Arguments.of((UnaryOperator<String>) r -> r.replace("  \"voters\": 120,\n", ""),
                        "voters: expected here, found \"receipts\" (the record's fields come in the order docs/record.md"
                                + " gives, none missing, none added)"),
                Arguments.of((UnaryOperator<String>) r -> r.replace("\"title\"", "\"extra\": 1, \"title\""),
                        "title: expected here, found \"extra\""),
                Arguments.of((UnaryOperator<String>) r -> r.replace("\"size\": 150", "\"size\": \"150\""),
                        "roll.size: expected a whole number, not a string"),
                Arguments.of((UnaryOperator<String>) r -> r.replace("\"size\": 150", "\"size\": -1"),
                        "roll.size: -1 is not a count (0 to 9223372036854775807)"),
                Arguments.of((UnaryOperator<String>) r -> r.replace("\"voters\": 120", "\"voters\": 1.5"),
                        "voters: 1.5 is not a whole number"),
                Arguments.of((UnaryOperator<String>) r -> r.replace("\"credentials\"", "\"extra\": 0, \"credentials\""),
                        "roll.credentials: expected here, found \"extra\""),
                Arguments.of((UnaryOperator<String>) r -> r.replaceFirst("\"fingerprint\": (\"[0-9a-f]+\")", "\"fingerprint\": $1, \"x\": 1"),
                        "seal.x: unexpected field"),
                Arguments.of((UnaryOperator<String>) r -> r.replace("\"candidates\": [\n    \"Camille\"", "\"candidates\": [\n    7"),
                        "candidates[0]: expected a string, not a number"),
                Arguments.of((UnaryOperator<String>) r -> r.replace("\"Alix\"", "\" \""),
                        "candidates[2]: a candidate's name is not blank"),
                Arguments.of((UnaryOperator<String>) r -> r.replace("\"Passable\",", "\"Insuffisant\","),
                        "grades[1]: the grade 'Insuffisant' is listed twice"),
                Arguments.of((UnaryOperator<String>) r -> r.replaceFirst("\"receipts\": \\[\n    \"[0-9a-f]+\"", "\"receipts\": [\n    42"),
                        "receipts[0]: expected a receipt (a string), not a number"),
                Arguments.of((UnaryOperator<String>) r -> r.replace("\"at\": \"2027-01-14T09:00:00Z\"", "\"at\": \"14/01/2027 10:00\""),
                        "checkpoints[1].at: '14/01/2027 10:00' is not an ISO-8601 UTC instant (e.g. 2027-01-17T16:00:00Z)"),
                Arguments.of((UnaryOperator<String>) r -> r.replaceFirst("\\{\"ballots\": 40, ", "{"),
                        "checkpoints[0].ballots: expected here, found \"head\""),
                Arguments.of((UnaryOperator<String>) r -> r.replaceFirst("\"ballots\": \\[\n    \\[(\\d)", "\"ballots\": [\n    [\"$1\""),
                        "ballots[0][0]: expected a grade number, not a string"),
                Arguments.of((UnaryOperator<String>) r -> r.replaceFirst("\"ballots\": \\[\n    \\[(\\d)", "\"ballots\": [\n    [2.5"),
                        "ballots[0][0]: 2.5 is not a grade number"),
                Arguments.of((UnaryOperator<String>) r -> r.replaceFirst("\"ballots\": \\[\n    \\[[^\\]]*\\]", "\"ballots\": [\n    7"),
                        "ballots[0]: expected a ballot (an array of grade numbers), not a number"),
                Arguments.of((UnaryOperator<String>) r -> r.replace("\"result\": {", "\"result\": {\"ballots\": 1,"),
                        "record: malformed JSON at line "),
                Arguments.of((UnaryOperator<String>) r -> r.replace("\"result\": {", "\"result\": [1], \"x\": {"),
                        "result: expected the result (an object), not an array"));
    }

    @ParameterizedTest
    @MethodSource("malformedRecords")
    void aRecordThatCannotBeReadIsBadInputNamingTheField(UnaryOperator<String> breakIt, String message) {
        String broken = breakIt.apply(RecordFixture.standard().text());
        TallyException e = assertThrows(TallyException.class, () -> RecordFixture.verify(broken));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aDuplicatedKeyInTheResultIsMalformed() {
        String broken = RecordFixture.standard().text().replace("\"result\": {", "\"result\": {\"ranking\": [],");
        TallyException e = assertThrows(TallyException.class, () -> RecordFixture.verify(broken));
        assertTrue(e.getMessage().contains("Duplicate field 'ranking'"), e.getMessage());
    }
}
