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
 * A result as JSON (schema in docs/tally.md): integers written exactly, whatever their size, and
 * shares as plain decimals.
 */
public final class ResultJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ResultJson() {
    }

    public static ObjectNode tree(Result result) {
        ObjectNode root = NODES.objectNode();
        if (result.election() != null) {
            root.put("election", result.election());
        }
        ArrayNode grades = root.putArray("grades");
        result.scale().names().forEach(grades::add);
        root.put("ballots", result.ballots());
        ArrayNode candidates = root.putArray("candidates");
        for (CandidateResult c : result.candidates()) {
            ObjectNode node = candidates.addObject();
            node.put("index", c.index());
            if (c.name() == null) {
                node.putNull("name");
            } else {
                node.put("name", c.name());
            }
            node.put("rank", c.rank());
            if (c.majorityGrade() == null) {
                node.putNull("majorityGrade");
                node.putNull("majorityGradeName");
                node.putNull("mention");
            } else {
                node.put("majorityGrade", c.majorityGrade());
                node.put("majorityGradeName", c.majorityGradeName());
                node.put("mention", c.mention());
            }
            ArrayNode counts = node.putArray("counts");
            c.counts().forEach(counts::add);
            ArrayNode shares = node.putArray("shares");
            c.shares().forEach(shares::add);
        }
        ArrayNode ranking = root.putArray("ranking");
        result.ranking().forEach(ranking::add);
        return root;
    }

    public static String write(Result result) {
        try {
            return JSON.writeValueAsString(tree(result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
