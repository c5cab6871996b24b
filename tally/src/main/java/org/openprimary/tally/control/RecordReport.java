package org.openprimary.tally.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The verifier's report: one outcome per {@link RecordCheck}, in the checks' order, as text for a
 * person ({@link #text}) or JSON for a machine ({@link #json}, format {@value #FORMAT}).
 */
public record RecordReport(List<CheckOutcome> outcomes) {

    public static final String FORMAT = "openprimary-record-verification/1";
    /** Failures a text line shows of each failed check; the JSON has all the check kept. */
    public static final int SHOWN = 3;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RecordReport {
        outcomes = List.copyOf(outcomes);
    }

    /** Whether every check passed. */
    public boolean verified() {
        return failed() == 0;
    }

    public long failed() {
        return outcomes.stream().filter(outcome -> !outcome.passed()).count();
    }

    /** The outcome of one check. */
    public CheckOutcome outcome(RecordCheck check) {
        return outcomes.stream().filter(outcome -> outcome.check() == check).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(check.id() + " was not run"));
    }

    /**
     * One line per check ({@code PASS SEAL-FINGERPRINT  authenticity  ...}, {@code FAIL BOX-CHAIN  integrity
     * position 17: ...}), then {@code record verified: 7 checks passed} or {@code record NOT verified: 2 of 7
     * checks failed}.
     */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (CheckOutcome outcome : outcomes) {
            text.append(String.format("%s %-16s  %-12s  %s%n", outcome.passed() ? "PASS" : "FAIL",
                    outcome.check().id(), outcome.check().category().label(), outcome.detail(SHOWN)));
        }
        text.append(verified()
                ? "record verified: " + outcomes.size() + " checks passed\n"
                : "record NOT verified: " + failed() + " of " + outcomes.size() + " checks failed\n");
        return text.toString();
    }

    /** The report as JSON: format, verified, counts, and per check its id, category, description, outcome. */
    public String json() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("verified", verified());
        root.put("checks", outcomes.size());
        root.put("failed", failed());
        ArrayNode results = root.putArray("results");
        for (CheckOutcome outcome : outcomes) {
            ObjectNode node = results.addObject();
            node.put("id", outcome.check().id());
            node.put("category", outcome.check().category().label());
            node.put("description", outcome.check().description());
            node.put("passed", outcome.passed());
            node.put("evidence", outcome.passed() ? outcome.evidence() : null);
            node.put("failureCount", outcome.failureCount());
            ArrayNode failures = node.putArray("failures");
            outcome.failures().forEach(failures::add);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
