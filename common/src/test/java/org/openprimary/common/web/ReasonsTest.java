package org.openprimary.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ReasonsTest {

    /** The sources of the modules whose reasons (and checklist items) are all in the catalog. */
    private static final List<String> SCANNED_MODULES = List.of("../registration/src/main/java",
            "../citizen-web/src/main/java", "../voting/src/main/java", "../notifications/src/main/java",
            "../admin-web/src/main/java", "src/main/java");

    private static final Pattern PLACE = Pattern.compile("\\{\\d}");

    private final Reasons reasons = Reasons.shipped();

    @Test
    void aKnownReasonIsSaidInFrenchWithItsCodeAndInEnglishAsThrown() {
        Reasons.Said french = reasons.say("this is not a valid phone number", "fr");
        assertEquals("phone-invalid", french.code());
        assertEquals("ce n’est pas un numéro de téléphone valable", french.text());
        Reasons.Said english = reasons.say("this is not a valid phone number", "en");
        assertEquals(new Reasons.Said("phone-invalid", "this is not a valid phone number"), english);
    }

    @Test
    void theValuesInAReasonAreCarriedIntoTheFrenchText() {
        Reasons.Said said = reasons.say("a note has at most 500 characters, not 731", "fr");
        assertEquals("note-too-long-given", said.code());
        assertEquals("une note a au plus 500 caractères, pas 731", said.text());
        assertEquals("il manque la colonne «\u00a0phone\u00a0» à l’en-tête (attendu\u00a0: member_id, phone)",
                reasons.say("the header lacks the column 'phone' (expected member_id, phone)", "fr").text());
    }

    @Test
    void aRefusalThatListsWhatIsMissingSaysEachItemInFrench() {
        Reasons.Said said = reasons.say("the seal cannot be proposed: the voting schedule is not set; no trustees are"
                + " named: name the trustees and how many of them are needed to count", "fr");
        assertEquals("seal-cannot-propose", said.code());
        assertEquals("le sceau ne peut pas être proposé\u00a0: le calendrier du vote n’est pas fixé\u202f; aucun gardien"
                + " n’est nommé\u00a0: nommez les gardiens et combien d’entre eux sont nécessaires pour dépouiller",
                said.text());
        assertEquals("le vote ne peut pas ouvrir\u00a0: le vote ouvre à 2027-01-14T07:00:00Z",
                reasons.say("voting cannot open: voting opens at 2027-01-14T07:00:00Z", "fr").text());
    }

    @Test
    void aProviderNamedInTheReasonIsSaidInFrenchToo() {
        assertEquals("le service de SMS est occupé\u202f; réessayez dans un instant",
                reasons.say("the SMS provider is busy; try again in a moment", "fr").text());
    }

    @Test
    void anUnknownReasonHasNoCodeAndIsLeftAsThrown() {
        assertNull(reasons.say("something no catalog says", "fr"));
        Problem problem = Problem.of(400, "Bad request", "x", "something no catalog says").in("fr");
        assertEquals("something no catalog says", problem.reason());
        assertNull(problem.code());
        Problem known = Problem.of(400, "Bad request", "email", "this is not an email address").in("fr");
        assertEquals("ce n’est pas une adresse électronique", known.reason());
        assertEquals(known.reason(), known.detail());
        assertEquals("email-invalid", known.code());
    }

    @Test
    void theLanguageIsTheFirstOfFrenchAndEnglishTheClientNames() {
        assertEquals("fr", Reasons.language("fr-FR,fr;q=0.9,en;q=0.8"));
        assertEquals("en", Reasons.language("en-GB, fr;q=0.5"));
        assertEquals("fr", Reasons.language("de-DE, fr-CA;q=0.7"));
        assertEquals("en", Reasons.language("de"));
        assertEquals("en", Reasons.language(null));
        assertEquals("en", Reasons.language(""));
    }

    @Test
    void everyCodeIsOnceAndEveryFrenchTextHasTheEnglishTextsPlaces() throws IOException {
        Map<String, String> seen = new HashMap<>();
        Pattern place = Pattern.compile("\\{\\d}");
        for (String line : Files.readAllLines(Path.of("src/main/resources/org/openprimary/common/web/reasons-fr.tsv"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] columns = line.split("\t");
            assertEquals(3, columns.length, line);
            assertNull(seen.put(columns[0], line), "the code " + columns[0] + " twice");
            assertEquals(places(place, columns[1]), places(place, columns[2]), line);
        }
        assertEquals(seen.size(), reasons.size());
    }

    /**
     * Every reason registration, voting, notifications, common and both APIs throw (the texts of {@code new
     * …Exception(field, reason)}, of switch arms, and of the calls that pass a reason on, read from
     * their sources), and every item of the console's checklists ({@code missing.add(item)}), is in
     * the catalog, so neither a citizen nor an organizer reads English in a French page.
     */
    @Test
    void everyReasonThrownAndEveryChecklistItemIsInTheCatalog() throws IOException {
        List<String> thrown = new ArrayList<>();
        for (String module : SCANNED_MODULES) {
            try (Stream<Path> files = Files.walk(Path.of(module))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    thrown.addAll(ThrownReasons.in(Files.readString(file)));
                }
            }
        }
        assertTrue(thrown.size() >= 300, "the scan found the reasons: " + thrown.size());
        Set<String> templates = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("src/main/resources/org/openprimary/common/web/reasons-fr.tsv"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                templates.add(line.split("\t")[1]);
            }
        }
        TreeSet<String> missing = new TreeSet<>();
        for (String reason : thrown) {
            // A reason built from values is in the catalog as it is: matched by a wider template ("the seal
            // cannot be proposed: {0}"), its own words would stay English inside the value.
            boolean known = PLACE.matcher(reason).find() ? templates.contains(reason) : reasons.knows(reason);
            if (!reason.equals("{0}") && !known) {
                missing.add(reason);
            }
        }
        assertEquals("", String.join("\n", missing), "reasons without a French text in reasons-fr.tsv");
    }

    private static List<String> places(Pattern place, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = place.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        found.sort(null);
        return found;
    }

    /** The reasons a Java source throws, with {0}, {1} where they are built from values. */
    static final class ThrownReasons {

        private static final Pattern THROWN = Pattern.compile(
                "new (?:[\\w.]+\\.)?(InvalidInput|Conflict|NotFound|TooManyRequests|ServiceUnavailable|Forbidden|Unauthorized"
                        + "|CallbackRefused)Exception\\(");
        /**
         * The calls that pass a reason on to where it is thrown, and which of their arguments it is:
         * the limits' {@code take(limit, key, field, reason)}, the election's {@code
         * requireNotFrozen(reason)}, the console's {@code RoleCheck.require(security, roles, reason)},
         * a refusal kept in an {@code Optional.of(reason)} to be thrown later, and a checklist's
         * {@code missing.add(item)}: a text, or a {@code ?:} between texts.
         */
        private static final Map<Pattern, Integer> PASSED_ON = Map.of(
                Pattern.compile("\\btake\\("), 3,
                Pattern.compile("\\brequireNotFrozen\\("), 0,
                Pattern.compile("\\bRoleCheck\\.require\\("), 2,
                Pattern.compile("\\bOptional\\.of\\("), 0,
                Pattern.compile("\\bmissing\\.add\\("), 0);
        private static final Pattern ARM = Pattern.compile("(?:case [^:;]+?|default)\\s*->");
        private static final Pattern CONSTANT = Pattern.compile(
                "static final String (\\w+)\\s*=\\s*((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*\\+?\\s*)+);");
        private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

        static List<String> in(String source) {
            Map<String, String> constants = new HashMap<>();
            Matcher constant = CONSTANT.matcher(source);
            while (constant.find()) {
                constants.put(constant.group(1), literals(constant.group(2)));
            }
            List<String> reasons = new ArrayList<>();
            Matcher thrown = THROWN.matcher(source);
            while (thrown.find()) {
                List<String> arguments = arguments(source, thrown.end());
                if (arguments.size() >= 2) {
                    reasons.addAll(texts(arguments.get(1), constants));
                }
            }
            for (Map.Entry<Pattern, Integer> passedOn : PASSED_ON.entrySet()) {
                Matcher call = passedOn.getKey().matcher(source);
                while (call.find()) {
                    List<String> arguments = arguments(source, call.end());
                    int reason = passedOn.getValue();
                    if (arguments.size() > reason && (arguments.get(reason).strip().startsWith("\"")
                            || split(arguments.get(reason), '?').size() >= 2)) {
                        reasons.addAll(texts(arguments.get(reason), constants));
                    }
                }
            }
            return reasons;
        }

        /** The texts an argument can be: a concatenation, or either side of a {@code ?:}, nested or not. */
        private static List<String> texts(String expression, Map<String, String> constants) {
            if (expression.strip().startsWith("switch")) {
                return arms(expression, constants);
            }
            List<String> question = split(expression, '?');
            if (question.size() >= 2) {
                String sides = expression.substring(question.get(0).length() + 1);
                int colon = matchingColon(sides);
                List<String> both = new ArrayList<>(texts(sides.substring(0, colon), constants));
                both.addAll(texts(sides.substring(colon + 1), constants));
                return both;
            }
            StringBuilder text = new StringBuilder();
            int values = 0;
            for (String part : split(expression, '+')) {
                String p = part.strip();
                if (p.startsWith("\"")) {
                    text.append(literals(p));
                } else if (constants.containsKey(p)) {
                    text.append(constants.get(p));
                } else {
                    text.append('{').append(values++).append('}');
                }
            }
            return List.of(text.toString());
        }

        /** The texts of a switch expression's arms ({@code case X -> text;}). */
        private static List<String> arms(String expression, Map<String, String> constants) {
            String body = expression.substring(expression.indexOf('{', expression.indexOf(')')) + 1,
                    expression.lastIndexOf('}'));
            List<String> texts = new ArrayList<>();
            for (String arm : split(body, ';')) {
                Matcher label = ARM.matcher(arm);
                if (label.find()) {
                    texts.addAll(texts(arm.substring(label.end()), constants));
                }
            }
            return texts;
        }

        private static String literals(String concatenation) {
            StringBuilder text = new StringBuilder();
            Matcher literal = LITERAL.matcher(concatenation);
            while (literal.find()) {
                text.append(literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
            return text.toString();
        }

        /** The top-level arguments of the call whose '(' ends at {@code start}. */
        private static List<String> arguments(String source, int start) {
            List<String> arguments = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            int depth = 1;
            for (int i = start; i < source.length(); i++) {
                char c = source.charAt(i);
                if (c == '"') {
                    int end = endOfString(source, i);
                    current.append(source, i, end + 1);
                    i = end;
                    continue;
                }
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    if (--depth == 0) {
                        arguments.add(current.toString());
                        return arguments;
                    }
                } else if (c == ',' && depth == 1) {
                    arguments.add(current.toString());
                    current.setLength(0);
                    continue;
                }
                current.append(c);
            }
            return arguments;
        }

        /** Splits at the top-level {@code separator} (outside strings and brackets). */
        private static List<String> split(String expression, char separator) {
            List<String> parts = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            int depth = 0;
            for (int i = 0; i < expression.length(); i++) {
                char c = expression.charAt(i);
                if (c == '"') {
                    int end = endOfString(expression, i);
                    current.append(expression, i, end + 1);
                    i = end;
                    continue;
                }
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                } else if (c == separator && depth == 0) {
                    parts.add(current.toString());
                    current.setLength(0);
                    continue;
                }
                current.append(c);
            }
            parts.add(current.toString());
            return parts;
        }

        /** Where the {@code :} of a {@code ?:} whose {@code ?} came just before {@code sides} is. */
        private static int matchingColon(String sides) {
            int depth = 0;
            int pending = 0;
            for (int i = 0; i < sides.length(); i++) {
                char c = sides.charAt(i);
                if (c == '"') {
                    i = endOfString(sides, i);
                } else if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                } else if (c == '?' && depth == 0) {
                    pending++;
                } else if (c == ':' && depth == 0) {
                    if (pending == 0) {
                        return i;
                    }
                    pending--;
                }
            }
            throw new IllegalStateException("no ':' for the '?' before: " + sides);
        }

                private static int endOfString(String text, int open) {
            int i = open + 1;
            while (text.charAt(i) != '"') {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            return i;
        }
    }
}
