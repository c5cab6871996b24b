package org.openprimary.tally.control;

import java.util.ArrayList;
import java.util.List;
import org.openprimary.tally.entity.CandidateResult;
import org.openprimary.tally.entity.Result;

/**
 * A result as CSV (RFC 4180): a header, then one row per candidate in rank order. A text that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) is
 * prefixed with an apostrophe.
 */
public final class ResultCsv {

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
                    c.name() == null ? "" : c.name(),
                    c.majorityGrade() == null ? "" : c.majorityGrade().toString(),
                    c.majorityGradeName() == null ? "" : c.majorityGradeName(),
                    c.mention() == null ? "" : c.mention(), result.ballots().toString()));
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

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !isNumber(value)
                ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static boolean isNumber(String value) {
        return value.matches("-?\\d+(\\.\\d+)?");
    }
}
