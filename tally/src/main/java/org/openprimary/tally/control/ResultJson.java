package org.openprimary.tally.control;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.openprimary.tally.entity.CandidateResult;
import org.openprimary.tally.entity.Result;

/**
 * A result as JSON (the schema is in {@code docs/tally.md}): integers written exactly whatever
 * their size, shares as plain decimals ({@code 0.300000}, never {@code 3E-1}).
 */
public final class ResultJson {

    /** Names this JSON's shape; a change that breaks readers gets a new number. */
    public static final String FORMAT = "openprimary-tally-result/1";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ResultJson() {
    }

    /** The full result: format, election (when there is one), grades, ballots, candidates with counts, ranking. */
    public static ObjectNode tree(Result result) {
        ObjectNode root = NODES.objectNode();
        root.put("format", FORMAT);
        if (result.election() != null) {
            root.put("election", result.election());
        }
        ArrayNode grades = root.putArray("grades");
        result.scale().names().forEach(grades::add);
        root.put("ballots", result.ballots());
        ArrayNode candidates = root.putArray("candidates");
        for (CandidateResult c : result.candidates()) {
            candidate(candidates.addObject(), c, true);
        }
        ranking(root, result);
        return root;
    }

    /**
     * The ranking as the {@code tally rank} command prints it (issue 3): ballots, then per candidate
     * index, name, rank, majorityGrade, majorityGradeName, mention and shares, then the ranking.
     */
    public static ObjectNode rankingTree(Result result) {
        ObjectNode root = NODES.objectNode();
        root.put("ballots", result.ballots());
        ArrayNode candidates = root.putArray("candidates");
        for (CandidateResult c : result.candidates()) {
            candidate(candidates.addObject(), c, false);
        }
        ranking(root, result);
        return root;
    }

    public static String write(Result result) {
        return print(tree(result));
    }

    public static String writeRanking(Result result) {
        return print(rankingTree(result));
    }

    private static void candidate(ObjectNode node, CandidateResult c, boolean withCounts) {
        node.put("index", c.index());
        node.put("name", c.name());
        node.put("rank", c.rank());
        node.put("majorityGrade", c.majorityGrade());
        node.put("majorityGradeName", c.majorityGradeName());
        node.put("mention", c.mention());
        if (withCounts) {
            ArrayNode counts = node.putArray("counts");
            c.counts().forEach(counts::add);
        }
        ArrayNode shares = node.putArray("shares");
        c.shares().forEach(shares::add);
    }

    private static void ranking(ObjectNode root, Result result) {
        ArrayNode ranking = root.putArray("ranking");
        result.ranking().forEach(ranking::add);
    }

    private static String print(ObjectNode tree) {
        try {
            return JSON.writeValueAsString(tree) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
