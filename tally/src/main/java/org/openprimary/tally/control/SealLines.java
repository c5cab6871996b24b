package org.openprimary.tally.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a seal document (docs/sealing.md): UTF-8 text, one {@code key=value} line per item, each
 * ending with a line feed, values escaped ({@code \\}, {@code \n}, {@code \r}, {@code \=}) so no
 * value can forge a line. Keys never hold an equals sign, so a line's key ends at its first one.
 * What does not follow the format is listed as a problem, naming the line; the verifier reports it
 * (a sealed text that cannot be read says nothing the record can be checked against).
 */
record SealLines(Map<String, String> values, List<String> problems) {

    static SealLines parse(String document) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (!document.isEmpty() && !document.endsWith("\n")) {
            problems.add("the seal document does not end with a line feed");
        }
        String[] lines = document.split("\n", -1);
        // The text ends with "\n", so the last piece is the empty rest after it, not a line.
        int count = document.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            String where = "seal line " + (i + 1);
            String line = lines[i];
            int equals = line.indexOf('=');
            if (equals <= 0) {
                problems.add(where + ": not key=value: " + quote(line));
                continue;
            }
            String key = line.substring(0, equals);
            String value = unescape(line.substring(equals + 1), where, problems);
            if (value != null && values.putIfAbsent(key, value) != null) {
                problems.add(where + ": " + key + " is given twice");
            }
        }
        return new SealLines(values, problems);
    }

    /** The value, or {@code null} after listing the problem when it is not escaped as the format says. */
    private static String unescape(String escaped, String where, List<String> problems) {
        StringBuilder value = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '=' || c == '\r') {
                problems.add(where + ": a raw " + (c == '=' ? "'='" : "carriage return") + " in a value (the format"
                        + " escapes it)");
                return null;
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char next = i + 1 < escaped.length() ? escaped.charAt(++i) : 0;
            switch (next) {
                case '\\' -> value.append('\\');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case '=' -> value.append('=');
                default -> {
                    problems.add(where + ": unknown escape \\" + (next == 0 ? "" : String.valueOf(next))
                            + " (the format knows \\\\, \\n, \\r and \\=)");
                    return null;
                }
            }
        }
        return value.toString();
    }

    static String quote(String text) {
        String shown = text.length() > 100 ? text.substring(0, 100) + "…" : text;
        return "'" + shown + "'";
    }
}
