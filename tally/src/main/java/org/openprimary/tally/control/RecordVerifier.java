package org.openprimary.tally.control;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.openprimary.tally.control.CheckOutcome.Findings;
import org.openprimary.tally.entity.CandidateResult;
import org.openprimary.tally.entity.GradeScale;
import org.openprimary.tally.entity.Result;
import org.openprimary.tally.entity.TallyException;

/**
 * Verifies a public record ({@value RecordWriter#FORMAT}, docs/record.md): reads it as a stream and
 * runs the fixed list of {@link RecordCheck checks}, each failure naming where (a position in the
 * box, a checkpoint, a ballot, a figure of the result) and what was expected versus found.
 *
 * <p>Memory stays bounded by the number of receipts, not by the record: the fields come in a fixed
 * order, so the chain is recomputed as the receipts stream by; the receipts are kept compactly
 * ({@link ReceiptLog}, 32 bytes each) to find repeats and to recompute the head at each checkpoint,
 * which the record gives after them; ballots are counted into a {@link BallotCounter} as they
 * come and never kept.
 *
 * <p>A record this cannot read (not JSON, a field missing, added, out of order or of the wrong type,
 * another format) is bad input: a {@link TallyException} naming the field, e.g.
 * {@code checkpoints[2].at}. A record it can read gets a {@link RecordReport}, verified or not.
 */
public final class RecordVerifier {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private static final String ORDER = " (the record's fields come in the order docs/record.md gives, none missing, none added)";

    private final JsonParser parser;
    private final Findings sealFingerprint = new Findings(RecordCheck.SEAL_FINGERPRINT);
    private final Findings sealContent = new Findings(RecordCheck.SEAL_CONTENT);
    private final Findings chain = new Findings(RecordCheck.BOX_CHAIN);
    private final Findings checkpoints = new Findings(RecordCheck.BOX_CHECKPOINTS);
    private final Findings complete = new Findings(RecordCheck.COUNT_COMPLETE);
    private final Findings ballotsFindings = new Findings(RecordCheck.COUNT_BALLOTS);
    private final Findings recount = new Findings(RecordCheck.RESULT_RECOUNT);
    private final ReceiptLog receipts = new ReceiptLog();

    private String election;
    private String title;
    private List<String> candidates;
    private List<String> grades;
    private GradeScale scale;
    private String sealDocument;
    private String fingerprint;
    private long rollSize;
    private String rollCredentials;
    private String electionPublicKey;
    private String signingKey;
    private long voters;
    private String genesis;
    private String recomputedHead;
    private String head;
    private final List<SignedCheckpoint> signed = new ArrayList<>();
    private BallotCounter counter;
    private long ballots;
    private JsonNode result;
    /** The recomputed head after each number of receipts a checkpoint covers. */
    private Map<Long, String> chainAt;
    private boolean keyValid;
    /** Per checkpoint, whether the box's key signed it. */
    private final List<Boolean> signatureValid = new ArrayList<>();

    /** A checkpoint as the record gives it; {@code index} is its place in {@code checkpoints}. */
    private record SignedCheckpoint(int index, long ballots, String head, Instant at, String signature) {

        String where() {
            return "checkpoints[" + index + "] (" + ballots + " ballots, " + at + ")";
        }
    }

    private RecordVerifier(JsonParser parser) {
        this.parser = parser;
    }

    /**
     * Reads the record from the stream (which stays open) and runs every check.
     *
     * @throws TallyException when the record cannot be read: where (a field path) and what
     * @throws IOException when the stream fails
     */
    public static RecordReport verify(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        try (JsonParser parser = JSON.createParser(in)) {
            RecordVerifier verifier = new RecordVerifier(parser);
            verifier.read();
            return verifier.report();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage().replaceAll("(?s)\\s*\\(start marker.*$", "")
                    .replaceAll("\\s+", " ").strip();
            throw new TallyException("record", "malformed JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + message);
        }
    }

    // ---- reading, in the record's order ----

    private void read() throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new TallyException("record", "empty; expected the record's JSON object (docs/record.md)");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new TallyException("record", "expected the record's JSON object, not " + kind(first));
        }
        field("format");
        String format = string("format");
        if (!RecordWriter.FORMAT.equals(format)) {
            throw new TallyException("format", "unknown format " + SealLines.quote(format) + "; this verifier reads "
                    + RecordWriter.FORMAT);
        }
        field("election");
        election = string("election");
        if (election.isBlank()) {
            throw new TallyException("election", "an election id is not blank");
        }
        field("title");
        title = string("title");
        field("candidates");
        candidates = strings("candidates");
        for (int c = 0; c < candidates.size(); c++) {
            if (candidates.get(c).isBlank()) {
                throw new TallyException("candidates[" + c + "]", "a candidate's name is not blank");
            }
        }
        field("grades");
        grades = strings("grades");
        scale = new GradeScale(grades);
        counter = new BallotCounter(candidates.size(), scale.size());
        field("seal");
        start("seal", JsonToken.START_OBJECT, "the seal (an object)");
        field("seal", "document");
        sealDocument = string("seal.document");
        field("seal", "fingerprint");
        fingerprint = string("seal.fingerprint");
        end("seal");
        field("roll");
        start("roll", JsonToken.START_OBJECT, "the roll (an object)");
        field("roll", "size");
        rollSize = count("roll.size");
        field("roll", "credentials");
        rollCredentials = string("roll.credentials");
        end("roll");
        field("electionPublicKey");
        electionPublicKey = string("electionPublicKey");
        field("encryption");
        string("encryption");
        field("signingKey");
        signingKey = string("signingKey");
        field("voters");
        voters = count("voters");
        field("receipts");
        readReceipts();
        field("head");
        head = string("head");
        field("checkpoints");
        readCheckpoints();
        field("ballots");
        readBallots();
        field("result");
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new TallyException("result", "expected the result (an object), not " + kind(parser.currentToken()));
        }
        result = parser.readValueAsTree();
        end("");
        if (parser.nextToken() != null) {
            throw new TallyException("record", "unexpected content after the record's JSON object");
        }
    }

    /** Recomputes the chain as the receipts stream by, and notes malformed and repeated ones. */
    private void readReceipts() throws IOException {
        start("receipts", JsonToken.START_ARRAY, "the receipts (an array)");
        genesis = BoxChain.genesis(election, fingerprint, electionPublicKey);
        String running = genesis;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.VALUE_STRING) {
                throw new TallyException("receipts[" + receipts.size() + "]", "expected a receipt (a string), not "
                        + kind(token));
            }
            String receipt = parser.getText();
            int earlier;
            try {
                earlier = receipts.add(receipt);
            } catch (IllegalStateException e) {
                throw new TallyException("receipts", e.getMessage());
            }
            int position = receipts.size();
            if (!BoxChain.isHash(receipt)) {
                chain.fail("position " + position + ": " + SealLines.quote(receipt)
                        + " is not a receipt (64 lower-case hexadecimal characters)");
            }
            if (earlier != 0) {
                chain.fail("position " + position + " repeats the receipt at position " + earlier + " (" + receipt + ")");
            }
            running = BoxChain.next(running, position, receipt);
        }
        recomputedHead = running;
    }

    private void readCheckpoints() throws IOException {
        start("checkpoints", JsonToken.START_ARRAY, "the checkpoints (an array)");
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            int index = signed.size();
            String where = "checkpoints[" + index + "]";
            if (token != JsonToken.START_OBJECT) {
                throw new TallyException(where, "expected a checkpoint (an object), not " + kind(token));
            }
            field(where, "ballots");
            long covered = count(where + ".ballots");
            field(where, "head");
            String signedHead = string(where + ".head");
            field(where, "at");
            String at = string(where + ".at");
            Instant instant;
            try {
                instant = Instant.parse(at);
            } catch (DateTimeParseException e) {
                throw new TallyException(where + ".at", SealLines.quote(at) + " is not an ISO-8601 UTC instant"
                        + " (e.g. 2027-01-17T16:00:00Z)");
            }
            field(where, "signature");
            String signature = string(where + ".signature");
            end(where);
            signed.add(new SignedCheckpoint(index, covered, signedHead, instant, signature));
        }
    }

    /** Counts every well-formed ballot; a ballot that is not is noted and counts nothing. */
    private void readBallots() throws IOException {
        start("ballots", JsonToken.START_ARRAY, "the ballots (an array)");
        int expected = candidates.size();
        int[] ballot = new int[expected];
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            String where = "ballots[" + ballots + "]";
            if (token != JsonToken.START_ARRAY) {
                throw new TallyException(where, "expected a ballot (an array of grade numbers), not " + kind(token));
            }
            int given = 0;
            String offScale = null;
            for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken(), given++) {
                if (token != JsonToken.VALUE_NUMBER_INT) {
                    throw new TallyException(where + "[" + given + "]", (token == JsonToken.VALUE_NUMBER_FLOAT
                            ? parser.getText() + " is not a grade number" : "expected a grade number, not " + kind(token)));
                }
                boolean small = parser.getNumberType() == JsonParser.NumberType.INT;
                int grade = small ? parser.getIntValue() : -1;
                if (offScale == null && (!small || grade < 0 || grade >= scale.size())) {
                    offScale = where + "[" + given + "]: grade " + parser.getText() + " is not on the scale of "
                            + scale.size() + " grades (0 to " + scale.best() + ")";
                } else if (given < expected) {
                    ballot[given] = grade;
                }
            }
            if (given != expected) {
                ballotsFindings.fail(where + ": " + given + " grades for " + expected + " candidates");
            } else if (offScale != null) {
                ballotsFindings.fail(offScale);
            } else {
                counter.add(ballot);
            }
            ballots++;
        }
    }

    // ---- the checks ----

    private RecordReport report() {
        int size = receipts.size();
        chainAt = headsAt(signed.stream().map(SignedCheckpoint::ballots).filter(ballots -> ballots <= size)
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        keyValid = BoxChain.isPublicKey(signingKey);
        for (SignedCheckpoint checkpoint : signed) {
            signatureValid.add(keyValid && BoxChain.signatureValid(BoxChain.checkpointText(election,
                    checkpoint.ballots(), checkpoint.head(), checkpoint.at()), checkpoint.signature(), signingKey));
        }
        List<CheckOutcome> outcomes = new ArrayList<>();
        outcomes.add(checkSealFingerprint());
        outcomes.add(checkSealContent());
        outcomes.add(checkChain());
        outcomes.add(checkCheckpoints());
        outcomes.add(checkComplete());
        outcomes.add(ballotsFindings.outcome(ballots + " ballots, each grading the " + candidates.size()
                + " candidates on the " + scale.size() + " grades"));
        outcomes.add(checkRecount());
        return new RecordReport(outcomes);
    }

    private CheckOutcome checkSealFingerprint() {
        byte[] document = sealDocument.getBytes(StandardCharsets.UTF_8);
        String actual = sha256(document);
        if (!actual.equals(fingerprint)) {
            sealFingerprint.fail("the seal document's SHA-256 is " + actual + ", the record's seal.fingerprint is "
                    + SealLines.quote(fingerprint));
        }
        return sealFingerprint.outcome("the SHA-256 of the seal document (" + document.length + " bytes) is " + fingerprint);
    }

    private CheckOutcome checkSealContent() {
        SealLines seal = SealLines.parse(sealDocument);
        seal.problems().forEach(sealContent::fail);
        Map<String, String> values = seal.values();
        String format = values.getOrDefault("format", "no format line");
        same(values, "election", election, format);
        same(values, "title", title, format);
        sameList(values, "candidates", "candidate", candidates, format);
        sameList(values, "grades", "grade", grades, format);
        same(values, "roll.size", Long.toString(rollSize), format);
        same(values, "roll.credentials", rollCredentials, format);
        return sealContent.outcome("the seal (" + format + ") names election " + election + ", its title, the "
                + candidates.size() + " candidates, the " + grades.size() + " grades, the roll's size " + rollSize
                + " and its credentials");
    }

    private void same(Map<String, String> seal, String key, String record, String format) {
        String sealed = seal.get(key);
        if (sealed == null) {
            sealContent.fail("the seal has no " + key + " line (its format: " + format + "), so it does not commit to"
                    + " the record's " + key + " " + SealLines.quote(record));
        } else if (!sealed.equals(record)) {
            sealContent.fail(key + ": the seal says " + SealLines.quote(sealed) + ", the record "
                    + SealLines.quote(record));
        }
    }

    /** {@code candidates=N} then {@code candidate.0=} to {@code candidate.N-1=}; likewise the grades. */
    private void sameList(Map<String, String> seal, String countKey, String itemKey, List<String> record,
            String format) {
        same(seal, countKey, Integer.toString(record.size()), format);
        for (int i = 0; i < record.size(); i++) {
            same(seal, itemKey + "." + i, record.get(i), format);
        }
        for (String key : seal.keySet()) {
            if (key.startsWith(itemKey + ".") && key.substring(itemKey.length() + 1).matches("\\d+")
                    && new java.math.BigInteger(key.substring(itemKey.length() + 1)).compareTo(
                            java.math.BigInteger.valueOf(record.size())) >= 0) {
                sealContent.fail(key + ": the seal names " + SealLines.quote(seal.get(key)) + ", the record has only "
                        + record.size() + " " + countKey);
            }
        }
    }

    private CheckOutcome checkChain() {
        if (!recomputedHead.equals(head)) {
            chain.fail("head: the " + receipts.size() + " receipts chain to " + recomputedHead + ", the record's head is "
                    + SealLines.quote(head) + locate());
        }
        return chain.outcome(receipts.size() + " receipts, well formed and unique, chain from the genesis head "
                + genesis + " to the record's head " + head);
    }

    private CheckOutcome checkCheckpoints() {
        int size = receipts.size();
        if (!keyValid) {
            checkpoints.fail("signingKey " + SealLines.quote(signingKey) + " is not an Ed25519 public key (base64 of its"
                    + " X.509 encoding), so no signature can be checked");
        }
        SignedCheckpoint previous = null;
        for (SignedCheckpoint checkpoint : signed) {
            String where = checkpoint.where();
            if (checkpoint.ballots() > size) {
                checkpoints.fail(where + " covers more ballots than the " + size + " receipts of the box");
            } else if (!checkpoint.head().equals(chainAt.get(checkpoint.ballots()))) {
                checkpoints.fail(where + ": its head is " + SealLines.quote(checkpoint.head()) + ", the chain after "
                        + checkpoint.ballots() + " receipts is " + chainAt.get(checkpoint.ballots()));
            }
            if (previous != null && checkpoint.ballots() < previous.ballots()) {
                checkpoints.fail(where + " covers fewer ballots than checkpoints[" + previous.index() + "] before it ("
                        + previous.ballots() + ")");
            }
            if (previous != null && !checkpoint.at().isAfter(previous.at())) {
                checkpoints.fail(where + " is not later than checkpoints[" + previous.index() + "] before it ("
                        + previous.at() + ")");
            }
            if (keyValid && !signatureValid.get(checkpoint.index())) {
                checkpoints.fail(where + ": the signature is not valid under signingKey");
            }
            previous = checkpoint;
        }
        if (previous == null) {
            checkpoints.fail("there is no checkpoint: nothing the box signed covers its " + size + " receipts");
        } else if (previous.ballots() != size) {
            checkpoints.fail("the last checkpoint, " + previous.where() + ", does not cover the box's " + size
                    + " receipts" + (previous.ballots() < size ? ": the last " + (size - previous.ballots())
                    + " are under no signature" : ""));
        }
        return checkpoints.outcome(signed.size() + " checkpoints, signed by the box's key, in order, match the chain;"
                + " the last, at " + (previous == null ? "-" : previous.at()) + ", covers all " + size + " receipts");
    }

    /**
     * Where the signed checkpoints place a change to the receipts: after the last one that agrees
     * with the recomputed chain and up to the first one that does not. Only checkpoints the box's
     * key signed count; nothing is said when they do not tell.
     */
    private String locate() {
        long agrees = -1;
        long disagrees = Long.MAX_VALUE;
        for (int i = 0; i < signed.size(); i++) {
            SignedCheckpoint checkpoint = signed.get(i);
            if (!signatureValid.get(i) || checkpoint.ballots() > receipts.size()) {
                continue;
            }
            if (checkpoint.head().equals(chainAt.get(checkpoint.ballots()))) {
                agrees = Math.max(agrees, checkpoint.ballots());
            } else {
                disagrees = Math.min(disagrees, checkpoint.ballots());
            }
        }
        if (disagrees == Long.MAX_VALUE || agrees >= disagrees) {
            return "";
        }
        return "; the signed checkpoints place the change in positions " + (Math.max(agrees, 0) + 1) + " to " + disagrees;
    }

    /** The chain's head after each of these numbers of receipts, recomputed from the kept receipts. */
    private Map<Long, String> headsAt(TreeSet<Long> wanted) {
        Map<Long, String> heads = new HashMap<>();
        String running = genesis;
        long position = 0;
        for (long target : wanted) {
            while (position < target) {
                position++;
                running = BoxChain.next(running, position, receipts.receipt((int) position));
            }
            heads.put(target, running);
        }
        return heads;
    }

    private CheckOutcome checkComplete() {
        long size = receipts.size();
        if (ballots != size) {
            long difference = Math.abs(size - ballots);
            complete.fail(size + " receipts but " + ballots + " ballots: " + difference
                    + (difference == 1 ? " ballot " : " ballots ") + (ballots < size ? "missing" : "too many"));
        }
        if (voters != size) {
            complete.fail("voters is " + voters + " (the roll's \"has voted\" marks), the box holds " + size + " receipts");
        }
        if (size > rollSize) {
            complete.fail(size + " receipts for a roll of " + rollSize + " voters");
        }
        return complete.outcome(ballots + " ballots, " + size + " receipts, " + voters + " voters marked, on a roll of "
                + rollSize);
    }

    private CheckOutcome checkRecount() {
        Result recounted = Tally.rank(election, scale, candidates, counter.profiles());
        JsonNode expected = ResultJson.tree(recounted);
        // The figures that decide first, then the shares, which only display them.
        diff("result", expected, result, false);
        diff("result", expected, result, true);
        CandidateResult first = recounted.atPlace(0);
        return recount.outcome("recounting the " + counter.ballots() + " ballots gives the published result; rank 1: "
                + first.name() + (first.mention() == null ? " (no ballot)" : " (" + first.mention() + ")"));
    }

    /**
     * Notes every figure where the published result differs from the recount, by its path: with
     * {@code shares} false every figure but the shares, with it true only the shares (the paths in
     * the result's fixed schema hold ".shares" exactly inside a candidate's shares).
     */
    private void diff(String path, JsonNode expected, JsonNode found, boolean shares) {
        boolean inShares = path.contains(".shares");
        if (!shares && inShares) {
            return;
        }
        boolean report = !shares || inShares;
        if (expected.isObject() && found.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode published = found.get(field.getKey());
                if (published != null) {
                    diff(path + "." + field.getKey(), field.getValue(), published, shares);
                } else if (!shares) {
                    recount.fail(path + "." + field.getKey() + ": missing, expected " + show(field.getValue()));
                }
            }
            for (Iterator<String> names = found.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!shares && !expected.has(name)) {
                    recount.fail(path + "." + name + ": not part of the result, found " + show(found.get(name)));
                }
            }
        } else if (expected.isArray() && found.isArray()) {
            if (report && expected.size() != found.size()) {
                recount.fail(path + ": expected " + expected.size() + " entries, found " + found.size());
            }
            for (int i = 0; i < Math.min(expected.size(), found.size()); i++) {
                diff(path + "[" + i + "]", expected.get(i), found.get(i), shares);
            }
        } else if (!report) {
            return;
        } else if (expected.isNumber() && found.isNumber()) {
            // 0.1 and 0.100000 are the same share: numbers are compared by value, exactly.
            if (expected.decimalValue().compareTo(found.decimalValue()) != 0) {
                recount.fail(path + ": expected " + show(expected) + ", found " + show(found));
            }
        } else if (!expected.equals(found)) {
            recount.fail(path + ": expected " + show(expected) + ", found " + show(found));
        }
    }

    private static String show(JsonNode node) {
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    // ---- structure ----

    private void field(String name) throws IOException {
        field("", name);
    }

    /** The next field must be {@code name}, inside the object at {@code parent} ("" for the record). */
    private void field(String parent, String name) throws IOException {
        String path = parent.isEmpty() ? name : parent + "." + name;
        JsonToken token = parser.nextToken();
        if (token == JsonToken.FIELD_NAME && parser.currentName().equals(name)) {
            return;
        }
        if (token == JsonToken.FIELD_NAME) {
            throw new TallyException(path, "expected here, found \"" + parser.currentName() + "\"" + ORDER);
        }
        throw new TallyException(path, "missing" + ORDER);
    }

    /** The object at {@code path} must end here. */
    private void end(String path) throws IOException {
        if (parser.nextToken() != JsonToken.END_OBJECT) {
            String name = parser.currentName();
            throw new TallyException(path.isEmpty() ? name : path + "." + name, "unexpected field" + ORDER);
        }
    }

    private void start(String path, JsonToken expected, String what) throws IOException {
        JsonToken token = parser.nextToken();
        if (token != expected) {
            throw new TallyException(path, "expected " + what + ", not " + kind(token));
        }
    }

    private String string(String path) throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_STRING) {
            throw new TallyException(path, "expected a string, not " + kind(token));
        }
        return parser.getText();
    }

    private List<String> strings(String path) throws IOException {
        start(path, JsonToken.START_ARRAY, "an array of strings");
        List<String> values = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.VALUE_STRING) {
                throw new TallyException(path + "[" + values.size() + "]", "expected a string, not " + kind(token));
            }
            values.add(parser.getText());
        }
        return values;
    }

    /** A whole number from 0 to {@link Long#MAX_VALUE}. */
    private long count(String path) throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new TallyException(path, (token == JsonToken.VALUE_NUMBER_FLOAT ? parser.getText()
                    + " is not a whole number" : "expected a whole number, not " + kind(token)));
        }
        JsonParser.NumberType type = parser.getNumberType();
        if (type == JsonParser.NumberType.BIG_INTEGER || parser.getLongValue() < 0) {
            throw new TallyException(path, parser.getText() + " is not a count (0 to " + Long.MAX_VALUE + ")");
        }
        return parser.getLongValue();
    }

    private static String kind(JsonToken token) {
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
