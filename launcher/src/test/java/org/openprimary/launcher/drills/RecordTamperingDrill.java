package org.openprimary.launcher.drills;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.openprimary.tally.cli.TallyCommand;
import org.openprimary.tally.control.CheckOutcome;
import org.openprimary.tally.control.RecordCheck;
import org.openprimary.tally.control.RecordReport;
import org.openprimary.tally.control.RecordVerifier;

/**
 * Drill 7 of issue 5, tampering: a public record as the platform published it, changed in each
 * way a forger could (a ballot removed, added, altered, duplicated; receipts reordered, removed,
 * added, altered, repeated; a checkpoint's head, count, time or signature changed; a result figure
 * changed; the roll's size, the voters marked, the title, a candidate, the seal or a key changed),
 * must fail {@code tally verify} every time, both through {@link RecordVerifier} (naming the check
 * expected to catch it) and through the command itself ({@link TallyCommand}, exit 3), while the
 * untouched record verifies (exit 0).
 *
 * <p>Reordering the <em>decrypted</em> ballots is not tampering: they are published shuffled, in no
 * order (docs/record.md), so that mutation must still verify.
 */
public final class RecordTamperingDrill {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** One way of tampering and the checks that must fail (at least these). */
    record Tampering(String name, Consumer<ObjectNode> change, Set<RecordCheck> mustFail) {
    }

    private RecordTamperingDrill() {
    }

    /**
     * Runs every tampering on the record; returns what was not caught as expected (empty when the
     * verifier caught everything), one line each.
     */
    public static List<String> uncaught(byte[] record) throws IOException {
        List<String> problems = new ArrayList<>();
        ObjectNode original = (ObjectNode) JSON.readTree(record);
        require(original.get("receipts").size() >= 2 && original.get("ballots").size() >= 2,
                "the drill needs a record with two ballots at least");
        Outcome untouched = verify(record);
        if (untouched.exit != 0 || !untouched.report.verified()) {
            problems.add("the untouched record does not verify (exit " + untouched.exit + "): " + untouched.report.text());
            return problems;
        }
        Outcome rewritten = verify(JSON.writeValueAsBytes(original));
        if (rewritten.exit != 0) {
            problems.add("the record rewritten without a change does not verify: the drill's own fault");
            return problems;
        }
        for (Tampering tampering : tamperings(original)) {
            ObjectNode copy = original.deepCopy();
            tampering.change().accept(copy);
            byte[] changed = JSON.writeValueAsBytes(copy);
            Outcome outcome = verify(changed);
            if (tampering.mustFail().isEmpty()) {
                if (outcome.exit != 0) {
                    problems.add(tampering.name() + ": should verify, but exit " + outcome.exit + "\n" + outcome.text());
                }
                continue;
            }
            if (outcome.exit != 3 || outcome.report == null || outcome.report.verified()) {
                problems.add(tampering.name() + ": not reported (exit " + outcome.exit + ")\n" + outcome.text());
                continue;
            }
            for (RecordCheck check : tampering.mustFail()) {
                CheckOutcome result = outcome.report.outcome(check);
                if (result.passed()) {
                    problems.add(tampering.name() + ": " + check.id() + " passed\n" + outcome.text());
                }
            }
        }
        return problems;
    }

    /** The names of the tamperings the drill applies (for the report). */
    public static List<String> names(byte[] record) throws IOException {
        return tamperings((ObjectNode) JSON.readTree(record)).stream().map(Tampering::name).toList();
    }

    static List<Tampering> tamperings(ObjectNode record) {
        int grades = record.get("grades").size();
        List<Tampering> all = new ArrayList<>();
        // ballots
        all.add(new Tampering("a ballot removed", r -> ballots(r).remove(0),
                EnumSet.of(RecordCheck.COUNT_COMPLETE, RecordCheck.RESULT_RECOUNT)));
        all.add(new Tampering("a ballot added", r -> ballots(r).add(ballots(r).get(0).deepCopy()),
                EnumSet.of(RecordCheck.COUNT_COMPLETE, RecordCheck.RESULT_RECOUNT)));
        all.add(new Tampering("a ballot altered (one grade up or down the scale)", r -> {
            ArrayNode ballot = (ArrayNode) ballots(r).get(0);
            int grade = ballot.get(0).asInt();
            ballot.set(0, new IntNode(grade == grades - 1 ? grade - 1 : grade + 1));
        }, EnumSet.of(RecordCheck.RESULT_RECOUNT)));
        all.add(new Tampering("a ballot off the scale", r -> ((ArrayNode) ballots(r).get(0)).set(0, new IntNode(grades)),
                EnumSet.of(RecordCheck.COUNT_BALLOTS)));
        all.add(new Tampering("a ballot missing a grade", r -> ((ArrayNode) ballots(r).get(0)).remove(0),
                EnumSet.of(RecordCheck.COUNT_BALLOTS)));
        all.add(new Tampering("a ballot duplicated over another", r -> {
            ArrayNode ballots = ballots(r);
            int other = indexOfADifferentBallot(ballots);
            ballots.set(other, ballots.get(0).deepCopy());
        }, EnumSet.of(RecordCheck.RESULT_RECOUNT)));
        all.add(new Tampering("the decrypted ballots reordered (they are shuffled: still verifies)", r -> {
            ArrayNode ballots = ballots(r);
            JsonNode first = ballots.remove(0);
            ballots.add(first);
        }, EnumSet.noneOf(RecordCheck.class)));
        // the box
        all.add(new Tampering("two receipts swapped (the box reordered)", r -> {
            ArrayNode receipts = receipts(r);
            JsonNode first = receipts.get(0);
            receipts.set(0, receipts.get(1));
            receipts.set(1, first);
        }, EnumSet.of(RecordCheck.BOX_CHAIN, RecordCheck.BOX_CHECKPOINTS)));
        all.add(new Tampering("a receipt removed", r -> receipts(r).remove(receipts(r).size() - 1),
                EnumSet.of(RecordCheck.BOX_CHAIN, RecordCheck.COUNT_COMPLETE)));
        all.add(new Tampering("a receipt added", r -> receipts(r).add("ab".repeat(32)),
                EnumSet.of(RecordCheck.BOX_CHAIN, RecordCheck.COUNT_COMPLETE)));
        all.add(new Tampering("a receipt altered", r -> receipts(r).set(0, new TextNode(flipHex(receipts(r).get(0).asText()))),
                EnumSet.of(RecordCheck.BOX_CHAIN)));
        all.add(new Tampering("a receipt repeated", r -> receipts(r).set(1, receipts(r).get(0)),
                EnumSet.of(RecordCheck.BOX_CHAIN)));
        all.add(new Tampering("the head changed", r -> r.put("head", flipHex(r.get("head").asText())),
                EnumSet.of(RecordCheck.BOX_CHAIN)));
        // checkpoints
        all.add(new Tampering("the last checkpoint's head changed", r -> lastCheckpoint(r).put("head",
                flipHex(lastCheckpoint(r).get("head").asText())), EnumSet.of(RecordCheck.BOX_CHECKPOINTS)));
        all.add(new Tampering("the last checkpoint's number of ballots changed", r -> lastCheckpoint(r).put("ballots",
                lastCheckpoint(r).get("ballots").asLong() - 1), EnumSet.of(RecordCheck.BOX_CHECKPOINTS)));
        all.add(new Tampering("the last checkpoint's time changed", r -> lastCheckpoint(r).put("at",
                java.time.Instant.parse(lastCheckpoint(r).get("at").asText()).plusSeconds(1).toString()),
                EnumSet.of(RecordCheck.BOX_CHECKPOINTS)));
        all.add(new Tampering("the last checkpoint's signature replaced by another checkpoint's", r -> {
            ArrayNode checkpoints = (ArrayNode) r.get("checkpoints");
            lastCheckpoint(r).set("signature", checkpoints.size() > 1 ? checkpoints.get(0).get("signature").deepCopy()
                    : new TextNode(java.util.Base64.getEncoder().encodeToString(new byte[64])));
        }, EnumSet.of(RecordCheck.BOX_CHECKPOINTS)));
        all.add(new Tampering("the last checkpoint removed", r -> {
            ArrayNode checkpoints = (ArrayNode) r.get("checkpoints");
            checkpoints.remove(checkpoints.size() - 1);
        }, EnumSet.of(RecordCheck.BOX_CHECKPOINTS)));
        all.add(new Tampering("the box's signing key replaced", r -> r.put("signingKey",
                "MCowBQYDK2VwAyEA" + java.util.Base64.getEncoder().encodeToString(new byte[32])),
                EnumSet.of(RecordCheck.BOX_CHECKPOINTS)));
        all.add(new Tampering("the election's public key replaced", r -> r.put("electionPublicKey",
                java.util.Base64.getEncoder().encodeToString(new byte[32])), EnumSet.of(RecordCheck.BOX_CHAIN)));
        // the result
        all.add(new Tampering("the result's number of ballots changed", r -> result(r).put("ballots",
                result(r).get("ballots").asLong() + 1), EnumSet.of(RecordCheck.RESULT_RECOUNT)));
        all.add(new Tampering("a count of the result moved to another grade", r -> {
            ArrayNode counts = (ArrayNode) result(r).get("candidates").get(0).get("counts");
            int from = 0;
            while (counts.get(from).asInt() == 0) {
                from++;
            }
            int to = from == 0 ? 1 : 0;
            counts.set(from, new IntNode(counts.get(from).asInt() - 1));
            counts.set(to, new IntNode(counts.get(to).asInt() + 1));
        }, EnumSet.of(RecordCheck.RESULT_RECOUNT)));
        all.add(new Tampering("the winner's rank changed", r -> {
            ObjectNode candidate = (ObjectNode) result(r).get("candidates").get(result(r).get("ranking").get(0).asInt());
            candidate.put("rank", candidate.get("rank").asInt() + 1);
        }, EnumSet.of(RecordCheck.RESULT_RECOUNT)));
        all.add(new Tampering("the ranking's first two swapped", r -> {
            ArrayNode ranking = (ArrayNode) result(r).get("ranking");
            JsonNode first = ranking.get(0);
            ranking.set(0, ranking.get(1));
            ranking.set(1, first);
        }, EnumSet.of(RecordCheck.RESULT_RECOUNT)));
        all.add(new Tampering("a candidate's name changed in the result", r -> ((ObjectNode) result(r).get("candidates").get(0))
                .put("name", "Mallory"), EnumSet.of(RecordCheck.RESULT_RECOUNT)));
        // the roll, the seal, the election
        all.add(new Tampering("the roll's size changed", r -> ((ObjectNode) r.get("roll")).put("size",
                r.get("roll").get("size").asLong() + 1), EnumSet.of(RecordCheck.SEAL_CONTENT)));
        all.add(new Tampering("the roll's credentials commitment changed", r -> ((ObjectNode) r.get("roll")).put("credentials",
                flipHex(r.get("roll").get("credentials").asText())), EnumSet.of(RecordCheck.SEAL_CONTENT)));
        all.add(new Tampering("the voters marked changed", r -> r.put("voters", r.get("voters").asLong() + 1),
                EnumSet.of(RecordCheck.COUNT_COMPLETE)));
        all.add(new Tampering("the title changed", r -> r.put("title", r.get("title").asText() + " (bis)"),
                EnumSet.of(RecordCheck.SEAL_CONTENT)));
        all.add(new Tampering("a candidate renamed", r -> ((ArrayNode) r.get("candidates")).set(0, new TextNode("Mallory")),
                EnumSet.of(RecordCheck.SEAL_CONTENT)));
        all.add(new Tampering("the seal document changed", r -> ((ObjectNode) r.get("seal")).put("document",
                r.get("seal").get("document").asText().replaceFirst("roll\\.size=(\\d+)", "roll.size=9$1")),
                EnumSet.of(RecordCheck.SEAL_FINGERPRINT)));
        all.add(new Tampering("the seal's fingerprint changed", r -> ((ObjectNode) r.get("seal")).put("fingerprint",
                flipHex(r.get("seal").get("fingerprint").asText())), EnumSet.of(RecordCheck.SEAL_FINGERPRINT,
                RecordCheck.BOX_CHAIN)));
        return all;
    }

    private record Outcome(int exit, RecordReport report, String output) {
        String text() {
            return output;
        }
    }

    private static Outcome verify(byte[] record) throws IOException {
        RecordReport report;
        try {
            report = RecordVerifier.verify(new ByteArrayInputStream(record));
        } catch (RuntimeException unreadable) {
            report = null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TallyCommand.run(new String[] {"verify", "-"}, new ByteArrayInputStream(record),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exit, report, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    private static ArrayNode ballots(ObjectNode record) {
        return (ArrayNode) record.get("ballots");
    }

    private static ArrayNode receipts(ObjectNode record) {
        return (ArrayNode) record.get("receipts");
    }

    private static ObjectNode result(ObjectNode record) {
        return (ObjectNode) record.get("result");
    }

    private static ObjectNode lastCheckpoint(ObjectNode record) {
        ArrayNode checkpoints = (ArrayNode) record.get("checkpoints");
        return (ObjectNode) checkpoints.get(checkpoints.size() - 1);
    }

    private static int indexOfADifferentBallot(ArrayNode ballots) {
        for (int i = 1; i < ballots.size(); i++) {
            if (!ballots.get(i).equals(ballots.get(0))) {
                return i;
            }
        }
        throw new IllegalStateException("the drill needs two different ballots");
    }

    private static String flipHex(String hex) {
        char first = hex.charAt(0);
        return (first == '0' ? '1' : '0') + hex.substring(1);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** For the report: each tampering with the checks that failed on it. */
    public static Map<String, List<String>> failedChecks(byte[] record) throws IOException {
        Map<String, List<String>> failed = new LinkedHashMap<>();
        ObjectNode original = (ObjectNode) JSON.readTree(record);
        for (Tampering tampering : tamperings(original)) {
            ObjectNode copy = original.deepCopy();
            tampering.change().accept(copy);
            Outcome outcome = verify(JSON.writeValueAsBytes(copy));
            List<String> ids = new ArrayList<>();
            if (outcome.report != null) {
                outcome.report.outcomes().stream().filter(o -> !o.passed()).forEach(o -> ids.add(o.check().id()));
            }
            ids.add("exit " + outcome.exit);
            failed.put(tampering.name(), ids);
        }
        return failed;
    }
}
