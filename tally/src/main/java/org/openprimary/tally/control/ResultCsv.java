package org.openprimary.tally.control;

import java.util.ArrayList;
import java.util.List;
import org.openprimary.tally.entity.CandidateResult;
import org.openprimary.tally.entity.Result;

/**
 * A result as CSV (RFC 4180): a header, then one row per candidate in rank order, CRLF line
 * ends, a field quoted when it holds a comma, a quote or a line break (quotes doubled).
 *
 * <p>Columns: {@code rank, index, name, majority_grade, majority_grade_name, mention, ballots},
 * then {@code count <grade>} for each grade worst first, then {@code share <grade>}.
 *
 * <p>Spreadsheet formula injection: a text field that a spreadsheet would run as a formula (it
 * starts with {@code = + - @}, their full-width forms, a tab or a carriage return) is prefixed with
 * an apostrophe, so {@code =HYPERLINK(...)} shows as text. The numbers written (ranks, counts,
 * shares) never start with one of those.
 */
public final class ResultCsv {

    private static final String FORMULA_STARTS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

    private ResultCsv() {
    }

    public static String write(Result result) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("rank", "index", "name", "majority_grade",
                "majority_grade_name", "mention", "ballots"));
        result.scale().names().forEach(grade -> header.add("count " + grade));
        result.scale().names().forEach(grade -> header.add("share " + grade));
        row(csv, header);
        for (int index : result.ranking()) {
            CandidateResult c = result.candidates().get(index);
            List<String> cells = new ArrayList<>(List.of(Integer.toString(c.rank()), Integer.toString(c.index()),
                    orEmpty(c.name()), c.majorityGrade() == null ? "" : c.majorityGrade().toString(),
                    orEmpty(c.majorityGradeName()), orEmpty(c.mention()), result.ballots().toString()));
            c.counts().forEach(count -> cells.add(count.toString()));
            c.shares().forEach(share -> cells.add(share.toPlainString()));
            row(csv, cells);
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /** One field: disarmed if it looks like a formula, then quoted if RFC 4180 requires it. */
    static String cell(String value) {
        String safe = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
