package org.openprimary.tally.control;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Writes the public record (format {@value #FORMAT}, docs/record.md) as it streams: receipts and
 * ballots come through iterators and go straight to the output, so a record of millions of
 * ballots never sits in memory. The fields come in a fixed order, which lets the verifier read it
 * as a stream too.
 *
 * <p>The writer checks the record's shape (nothing missing, the result is a JSON object), not its
 * content: whether the receipts chain, the checkpoints are signed and the result recounts is what
 * {@link RecordVerifier} answers, and it must be able to answer "no" about a record this wrote.
 */
public final class RecordWriter {

    public static final String FORMAT = "openprimary-record/1";

    /** Reads the result text with its numbers exact (counts of any size, shares as written). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    /**
     * What the record says before its receipts.
     *
     * @param election the election's id
     * @param candidates names in ballot order
     * @param grades names, worst first
     * @param sealDocument the seal's text (docs/sealing.md)
     * @param sealFingerprint its SHA-256, lower-case hexadecimal
     * @param rollSize voters on the roll
     * @param rollCredentials the hex commitment to the voters' credential hashes, as sealed
     * @param electionPublicKey base64
     * @param encryption the name of the ballots' encryption scheme
     * @param signingKey the box's Ed25519 public key, base64 of its X.509 encoding
     * @param voters the number of "has voted" marks on the roll
     */
    public record Header(String election, String title, List<String> candidates, List<String> grades,
            String sealDocument, String sealFingerprint, long rollSize, String rollCredentials,
            String electionPublicKey, String encryption, String signingKey, long voters) {

        public Header {
            Objects.requireNonNull(election, "election");
            Objects.requireNonNull(title, "title");
            candidates = List.copyOf(candidates);
            grades = List.copyOf(grades);
            Objects.requireNonNull(sealDocument, "sealDocument");
            Objects.requireNonNull(sealFingerprint, "sealFingerprint");
            Objects.requireNonNull(rollCredentials, "rollCredentials");
            Objects.requireNonNull(electionPublicKey, "electionPublicKey");
            Objects.requireNonNull(encryption, "encryption");
            Objects.requireNonNull(signingKey, "signingKey");
            if (rollSize < 0 || voters < 0) {
                throw new IllegalArgumentException("the roll's size and the number of voters are not negative");
            }
        }
    }

    /**
     * A signed checkpoint of the box, as published during voting.
     *
     * @param ballots how many receipts it covers (the first ones, in box order)
     * @param head the chain's head after them
     * @param at when the box made it
     * @param signature base64 Ed25519 signature of {@link BoxChain#checkpointText}
     */
    public record Checkpoint(long ballots, String head, Instant at, String signature) {

        public Checkpoint {
            Objects.requireNonNull(head, "head");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(signature, "signature");
            if (ballots < 0) {
                throw new IllegalArgumentException("a checkpoint covers 0 or more ballots, not " + ballots);
            }
        }
    }

    private RecordWriter() {
    }

    /**
     * Writes the record; receipts in box order, ballots (one grade number per candidate) in any order;
     * resultJson is ResultJson's text of the result. The output is flushed, not closed.
     *
     * @throws IllegalArgumentException when resultJson is not a JSON object
     * @throws NullPointerException for a missing part, a {@code null} receipt or ballot included
     */
    public static void write(OutputStream out, Header header, Iterator<String> receipts, String head,
            List<Checkpoint> checkpoints, Iterator<int[]> ballots, String resultJson) throws IOException {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(receipts, "receipts");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(ballots, "ballots");
        List<Checkpoint> signed = List.copyOf(checkpoints);
        // Parsed before the first byte is written, so a bad result leaves no half record behind.
        JsonNode result = result(resultJson);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            g.setPrettyPrinter(new Layout());
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("election", header.election());
            g.writeStringField("title", header.title());
            strings(g, "candidates", header.candidates());
            strings(g, "grades", header.grades());
            g.writeObjectFieldStart("seal");
            g.writeStringField("document", header.sealDocument());
            g.writeStringField("fingerprint", header.sealFingerprint());
            g.writeEndObject();
            g.writeObjectFieldStart("roll");
            g.writeNumberField("size", header.rollSize());
            g.writeStringField("credentials", header.rollCredentials());
            g.writeEndObject();
            g.writeStringField("electionPublicKey", header.electionPublicKey());
            g.writeStringField("encryption", header.encryption());
            g.writeStringField("signingKey", header.signingKey());
            g.writeNumberField("voters", header.voters());
            g.writeArrayFieldStart("receipts");
            while (receipts.hasNext()) {
                g.writeString(Objects.requireNonNull(receipts.next(), "a receipt"));
            }
            g.writeEndArray();
            g.writeStringField("head", head);
            g.writeArrayFieldStart("checkpoints");
            for (Checkpoint checkpoint : signed) {
                g.writeStartObject();
                g.writeNumberField("ballots", checkpoint.ballots());
                g.writeStringField("head", checkpoint.head());
                g.writeStringField("at", checkpoint.at().toString());
                g.writeStringField("signature", checkpoint.signature());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("ballots");
            while (ballots.hasNext()) {
                int[] ballot = Objects.requireNonNull(ballots.next(), "a ballot");
                g.writeArray(ballot, 0, ballot.length);
            }
            g.writeEndArray();
            g.writeFieldName("result");
            g.writeTree(result);
            g.writeEndObject();
            g.writeRaw('\n');
        }
        out.flush();
    }

    private static JsonNode result(String resultJson) {
        Objects.requireNonNull(resultJson, "resultJson");
        JsonNode result;
        try {
            result = JSON.readTree(resultJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the result is not JSON: " + e.getOriginalMessage(), e);
        }
        if (result == null || !result.isObject()) {
            throw new IllegalArgumentException("the result is a JSON object (ResultJson's text), not "
                    + (result == null ? "nothing" : result.getNodeType()));
        }
        return result;
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    /**
     * The record's layout: the top-level fields and the entries of the containers directly under
     * them (each receipt, checkpoint, ballot, result field) one per line, anything deeper on one
     * line. A person can then read, {@code grep} or {@code diff} a record line by line, and a ballot
     * costs a dozen bytes, not five lines.
     */
    private static final class Layout implements PrettyPrinter {

        /** Containers nested at most this deep (the root is 1) put each entry on its own line. */
        private static final int LINE_DEPTH = 2;

        private int depth;

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
            depth++;
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            close(g, entries, '}');
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            separate(g);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
            depth++;
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            close(g, values, ']');
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            separate(g);
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            open(g);
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            open(g);
        }

        private void open(JsonGenerator g) throws IOException {
            if (depth <= LINE_DEPTH) {
                newLine(g, depth);
            }
        }

        private void separate(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            if (depth <= LINE_DEPTH) {
                newLine(g, depth);
            } else {
                g.writeRaw(' ');
            }
        }

        private void close(JsonGenerator g, int entries, char end) throws IOException {
            if (depth <= LINE_DEPTH && entries > 0) {
                newLine(g, depth - 1);
            }
            g.writeRaw(end);
            depth--;
        }

        private static void newLine(JsonGenerator g, int indent) throws IOException {
            g.writeRaw('\n');
            for (int i = 0; i < indent; i++) {
                g.writeRaw("  ");
            }
        }
    }
}
