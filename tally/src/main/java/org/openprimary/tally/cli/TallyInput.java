package org.openprimary.tally.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.openprimary.tally.entity.GradeScale;
import org.openprimary.tally.entity.MeritProfile;
import org.openprimary.tally.entity.TallyException;

/**
 * The command's input: {@code {"grades": [names worst first] or a number, "candidates": [names]
 * (optional), "tallies": [[counts worst grade first], ...]}}. Counts are read as exact integers of
 * any size; anything else is refused naming where it is.
 */
record TallyInput(GradeScale scale, List<String> candidates, List<MeritProfile> profiles) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static TallyInput read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new TallyException("input", "malformed JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage()
                    .replaceAll("(?s)\\s*\\(start marker.*$", "").replaceAll("\\s+", " ").strip());
        }
        if (root == null || !root.isObject()) {
            throw new TallyException("input", "expected a JSON object with \"grades\" and \"tallies\"");
        }
        GradeScale scale = scale(root.get("grades"));
        List<String> candidates = candidates(root.get("candidates"));
        JsonNode tallies = root.get("tallies");
        if (tallies == null || !tallies.isArray()) {
            throw new TallyException("tallies", "expected an array of tallies, one per candidate");
        }
        if (tallies.isEmpty()) {
            throw new TallyException("tallies", "the list is empty: there is no candidate to rank");
        }
        List<MeritProfile> profiles = new ArrayList<>();
        for (int c = 0; c < tallies.size(); c++) {
            JsonNode tally = tallies.get(c);
            String where = "tallies[" + c + "]";
            if (!tally.isArray()) {
                throw new TallyException(where, "expected an array of counts, worst grade first");
            }
            if (tally.size() != scale.size()) {
                throw new TallyException(where, "has " + tally.size() + " counts but there are " + scale.size() + " grades");
            }
            BigInteger[] counts = new BigInteger[tally.size()];
            for (int g = 0; g < tally.size(); g++) {
                JsonNode count = tally.get(g);
                if (!count.isIntegralNumber()) {
                    throw new TallyException(where + "[" + g + "]", count + " is not a whole number of ballots");
                }
                counts[g] = count.bigIntegerValue();
            }
            profiles.add(new MeritProfile(counts, where));
        }
        if (candidates != null && candidates.size() != profiles.size()) {
            throw new TallyException("candidates", candidates.size() + " names for " + profiles.size() + " tallies");
        }
        return new TallyInput(scale, candidates, profiles);
    }

    private static GradeScale scale(JsonNode grades) {
        if (grades == null) {
            throw new TallyException("grades", "missing: give the grade names, worst first, or their number");
        }
        if (grades.isIntegralNumber()) {
            if (!grades.canConvertToInt()) {
                throw new TallyException("grades", grades + " grades: a scale has 2 to 10");
            }
            return GradeScale.ofSize(grades.intValue());
        }
        if (!grades.isArray()) {
            throw new TallyException("grades", "expected the grade names, worst first, or their number");
        }
        List<String> names = new ArrayList<>();
        for (int g = 0; g < grades.size(); g++) {
            if (!grades.get(g).isTextual()) {
                throw new TallyException("grades[" + g + "]", "a grade name is a string");
            }
            names.add(grades.get(g).asText());
        }
        return new GradeScale(names);
    }

    private static List<String> candidates(JsonNode candidates) {
        if (candidates == null || candidates.isNull()) {
            return null;
        }
        if (!candidates.isArray()) {
            throw new TallyException("candidates", "expected the candidates' names");
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            if (!candidates.get(c).isTextual()) {
                throw new TallyException("candidates[" + c + "]", "a name is a string");
            }
            names.add(candidates.get(c).asText());
        }
        return names;
    }
}
