package org.openprimary.common.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The refusals' reasons in French, with a stable code for each: the domain throws its reasons in
 * English ({@code new InvalidInputException("phone", "this is not a valid phone number")}), and the
 * problem+json answer says them in the language the client asked for (Accept-Language; the pages
 * send their own language). The catalog is {@code reasons-fr.tsv}: a code, the English text with
 * {@code {0}}, {@code {1}} where the text carries a value (a number, an id), and the French text with
 * the same places. A reason the catalog does not know is sent as thrown, without a code. A value
 * that is itself a reason the catalog knows (the items of "voting cannot open: {0}") is said in
 * French too.
 */
public final class Reasons {

    /** A reason as said to the client: its stable code and its text. */
    public record Said(String code, String text) {
    }

    private record Entry(String code, String english, String french, Pattern pattern) {
    }

    private static final Pattern PLACE = Pattern.compile("\\{(\\d)}");
    private static final Reasons SHIPPED = load("reasons-fr.tsv");

    private final Map<String, Entry> exact = new HashMap<>();
    private final List<Entry> templates = new ArrayList<>();

    private Reasons(List<Entry> entries) {
        for (Entry entry : entries) {
            if (entry.pattern() == null) {
                exact.put(entry.english(), entry);
            } else {
                templates.add(entry);
            }
        }
        // The template that says the most around its places first: "voting closed at {0}: this ballot
        // arrived too late" before "voting closed at {0}", whatever their order in the catalog.
        templates.sort(Comparator.comparingInt((Entry t) -> PLACE.matcher(t.english()).replaceAll("").length())
                .reversed());
    }

    /** The catalog shipped with the platform. */
    public static Reasons shipped() {
        return SHIPPED;
    }

    /** The number of reasons the catalog knows. */
    public int size() {
        return exact.size() + templates.size();
    }

    /** Whether the catalog knows this English text (a template with its places, or a reason as thrown). */
    public boolean knows(String english) {
        return exact.containsKey(english) || templates.stream().anyMatch(t -> t.english().equals(english)
                || t.pattern().matcher(english).matches());
    }

    /**
     * The reason in {@code language}: French when it is {@code fr} and the catalog knows the reason,
     * else the English text as thrown; {@code null} when the catalog does not know it.
     */
    public Said say(String reason, String language) {
        if (reason == null) {
            return null;
        }
        boolean french = "fr".equals(language);
        Entry entry = exact.get(reason);
        if (entry != null) {
            return new Said(entry.code(), french ? entry.french() : reason);
        }
        for (Entry template : templates) {
            Matcher values = template.pattern().matcher(reason);
            if (values.matches()) {
                if (!french) {
                    return new Said(template.code(), reason);
                }
                StringBuilder text = new StringBuilder();
                Matcher place = PLACE.matcher(template.french());
                while (place.find()) {
                    String value = values.group("v" + place.group(1));
                    place.appendReplacement(text, Matcher.quoteReplacement(inFrench(value)));
                }
                place.appendTail(text);
                return new Said(template.code(), text.toString());
            }
        }
        return null;
    }

    /**
     * A value carried into a French text, itself in French when it is a reason the catalog knows, or a
     * list of such reasons joined by "; " ("voting cannot open: the election key is not made; the
     * trustees have not held the decryption rehearsal"); else as it is (a number, an id, a state).
     */
    private String inFrench(String value) {
        Said said = say(value, "fr");
        if (said != null) {
            return said.text();
        }
        if (value.contains("; ")) {
            List<String> parts = new ArrayList<>();
            for (String part : value.split("; ")) {
                Said one = say(part, "fr");
                if (one == null) {
                    return value;
                }
                parts.add(one.text());
            }
            return String.join("\u202f; ", parts);
        }
        return value;
    }

    /**
     * The language to answer in from an Accept-Language header: the first of {@code fr} and
     * {@code en} it names (its order, not its q-values, which the pages do not send), else English.
     */
    public static String language(String acceptLanguage) {
        if (acceptLanguage != null) {
            for (String range : acceptLanguage.split(",")) {
                String tag = range.split(";")[0].strip().toLowerCase(Locale.ROOT);
                if (tag.equals("fr") || tag.startsWith("fr-")) {
                    return "fr";
                }
                if (tag.equals("en") || tag.startsWith("en-")) {
                    return "en";
                }
            }
        }
        return "en";
    }

    static Reasons load(String resource) {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = Reasons.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " next to " + Reasons.class.getName());
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                if (columns.length != 3) {
                    throw new IllegalStateException(resource + ": not code<TAB>English<TAB>French: " + line);
                }
                entries.add(new Entry(columns[0], columns[1], columns[2], pattern(columns[1])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Reasons(entries);
    }

    /** The English template as a pattern whose groups {@code v0}, {@code v1} are the values, or null without places. */
    private static Pattern pattern(String english) {
        Matcher place = PLACE.matcher(english);
        if (!place.find()) {
            return null;
        }
        place.reset();
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (place.find()) {
            regex.append(Pattern.quote(english.substring(last, place.start()))).append("(?<v").append(place.group(1))
                    .append(">.+?)");
            last = place.end();
        }
        regex.append(Pattern.quote(english.substring(last)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
