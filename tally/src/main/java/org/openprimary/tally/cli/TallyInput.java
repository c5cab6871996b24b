package org.openprimary.tally.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.openprimary.tally.entity.GradeScale;
import org.openprimary.tally.entity.MeritProfile;
import org.openprimary.tally.entity.TallyException;

/**
 * The command's input:
 * {@code {"grades": [names worst first] or a number of grades, "candidates": [names] (optional),
 * "tallies": [[counts worst grade first], ...], "title": "..." (optional, the chart's title)}}.
 *
 * <p>Counts are JSON integers read exactly whatever their size (as {@link BigInteger}, never
 * through a {@code double}); a fraction or an exponent is refused. Anything the count cannot take
 * is a {@link TallyException} naming where it is: a duplicated or unknown key, a wrong type, a
 * count that is not a whole number, plus what the entities themselves check.
 */
record TallyInput(GradeScale scale, List<String> candidates, List<MeritProfile> profiles, String title) {

    static final Set<String> KEYS = Set.of("grades", "candidates", "tallies", "title");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static TallyInput read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage().startsWith("Trailing token")
                    ? "unexpected content after the JSON object"
                    : e.getOriginalMessage().replaceAll("(?s)\\s*\\(start marker.*$", "").replaceAll("\\s+", " ").strip();
            throw new TallyException("input", "malformed JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + message);
        }
        if (root == null || root.isMissingNode()) {
            throw new TallyException("input", "empty; expected a JSON object with \"grades\" and \"tallies\"");
        }
        if (!root.isObject()) {
            throw new TallyException("input", "expected a JSON object with \"grades\" and \"tallies\", not "
                    + kind(root));
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw new TallyException(key, "unknown key; expected \"grades\", \"candidates\", \"tallies\""
                        + " and optionally \"title\"");
            }
        }
        GradeScale scale = scale(root.get("grades"));
        List<String> candidates = candidates(root.get("candidates"));
        List<MeritProfile> profiles = profiles(root.get("tallies"), scale);
        if (candidates != null && candidates.size() != profiles.size()) {
            throw new TallyException("candidates", candidates.size() + " names for " + profiles.size() + " tallies");
        }
        JsonNode title = root.get("title");
        if (title != null && !title.isNull() && !title.isTextual()) {
            throw new TallyException("title", "expected a string, not " + kind(title));
        }
        return new TallyInput(scale, candidates, profiles, title == null || title.isNull() ? null : title.asText());
    }

    private static GradeScale scale(JsonNode grades) {
        if (grades == null || grades.isNull()) {
            throw new TallyException("grades", "missing: give the grade names, worst first, or their number");
        }
        if (grades.isIntegralNumber()) {
            BigInteger size = grades.bigIntegerValue();
            if (size.compareTo(BigInteger.valueOf(GradeScale.MIN)) < 0 || size.compareTo(BigInteger.valueOf(GradeScale.MAX)) > 0) {
                throw new TallyException("grades", "a scale has " + GradeScale.MIN + " to " + GradeScale.MAX
                        + " grades, not " + size);
            }
            return GradeScale.ofSize(size.intValue());
        }
        if (!grades.isArray()) {
            throw new TallyException("grades", "expected the grade names, worst first, or their number, not " + kind(grades));
        }
        List<String> names = new ArrayList<>();
        for (int g = 0; g < grades.size(); g++) {
            if (!grades.get(g).isTextual()) {
                throw new TallyException("grades[" + g + "]", "a grade's name is a string, not " + kind(grades.get(g)));
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
            throw new TallyException("candidates", "expected the candidates' names, not " + kind(candidates));
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            if (!candidates.get(c).isTextual()) {
                throw new TallyException("candidates[" + c + "]", "a name is a string, not " + kind(candidates.get(c)));
            }
            names.add(candidates.get(c).asText());
        }
        return names;
    }

    private static List<MeritProfile> profiles(JsonNode tallies, GradeScale scale) {
        if (tallies == null || tallies.isNull()) {
            throw new TallyException("tallies", "missing: give one array of counts per candidate");
        }
        if (!tallies.isArray()) {
            throw new TallyException("tallies", "expected an array of tallies, one per candidate, not " + kind(tallies));
        }
        if (tallies.isEmpty()) {
            throw new TallyException("tallies", "the list is empty: there is no candidate to rank");
        }
        List<MeritProfile> profiles = new ArrayList<>(tallies.size());
        for (int c = 0; c < tallies.size(); c++) {
            JsonNode tally = tallies.get(c);
            String where = "tallies[" + c + "]";
            if (!tally.isArray()) {
                throw new TallyException(where, "expected an array of counts, worst grade first, not " + kind(tally));
            }
            if (tally.size() != scale.size()) {
                throw new TallyException(where, "has " + tally.size() + " counts but there are " + scale.size() + " grades");
            }
            BigInteger[] counts = new BigInteger[tally.size()];
            for (int g = 0; g < tally.size(); g++) {
                JsonNode count = tally.get(g);
                if (!count.isIntegralNumber()) {
                    throw new TallyException(where + "[" + g + "]", (count.isNumber() ? count.toString() : kind(count))
                            + " is not a whole number of ballots");
                }
                counts[g] = count.bigIntegerValue();
            }
            profiles.add(new MeritProfile(counts, where));
        }
        return profiles;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
