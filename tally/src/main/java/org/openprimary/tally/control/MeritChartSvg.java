package org.openprimary.tally.control;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import org.openprimary.tally.entity.CandidateResult;
import org.openprimary.tally.entity.MeritProfile;
import org.openprimary.tally.entity.Result;

/**
 * The merit profiles as an SVG chart: one horizontal stacked bar per candidate in rank order, a
 * colour per grade from red (worst, left) through yellow to green (best, right), the 50 % line
 * marked (the grade it crosses is the majority grade), each bar labelled with rank, name and
 * mention.
 *
 * <p>Accessible: {@code role="img"} with a {@code <title>} and a {@code <desc>}; every bar is a
 * group whose {@code <title>} reads its rank, name, mention and every share in words; shares of
 * wide segments are written on them, and the legend names the grades, so colour never carries the
 * meaning alone. Every text from the input (names of grades and candidates, the title) is escaped
 * for XML, and characters XML cannot carry are dropped.
 *
 * <p>Geometry is computed from the counts in integers (positions in hundredths of a pixel, rounded
 * down), so a bar always ends exactly at 100 %.
 */
public final class MeritChartSvg {

    static final int WIDTH = 960;
    static final int LABEL = 330;
    static final int BAR = 580;
    static final int BAR_HEIGHT = 26;
    static final int ROW = 48;
    static final int TOP = 70;
    static final int LEGEND_ITEM = 185;
    static final int LEGEND_PER_LINE = 5;
    static final int NAME_MAX = 38;
    /** Segments narrower than this many pixels get no written share (their group's title has it). */
    static final int SHARE_TEXT_MIN = 40;

    private static final int[] RED = {0xd7, 0x30, 0x27};
    private static final int[] YELLOW = {0xfe, 0xe0, 0x8b};
    private static final int[] GREEN = {0x1a, 0x98, 0x50};

    private MeritChartSvg() {
    }

    public static String write(Result result, String title) {
        int grades = result.scale().size();
        int rows = result.candidates().size();
        int legendLines = (grades + LEGEND_PER_LINE - 1) / LEGEND_PER_LINE;
        int legendTop = TOP + rows * ROW + 24;
        int height = legendTop + legendLines * 24 + 12;
        String heading = title == null || title.isBlank() ? "Majority judgment" : title;
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" font-family=\"sans-serif\""
                        + " font-size=\"14\">\n");
        svg.append("<title id=\"chart-title\">").append(escape(heading)).append("</title>\n");
        svg.append("<desc id=\"chart-desc\">Merit profiles of ").append(rows).append(rows == 1 ? " candidate" : " candidates")
                .append(" from ").append(result.ballots()).append(result.ballots().equals(BigInteger.ONE) ? " ballot" : " ballots")
                .append(", best ranked first. Each bar shows the share of each grade, from ")
                .append(escape(result.scale().name(0))).append(" (left, red) to ")
                .append(escape(result.scale().name(grades - 1)))
                .append(" (right, green); the grade under the 50 % line is the majority grade.</desc>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        svg.append("<text x=\"10\" y=\"30\" font-size=\"20\" font-weight=\"bold\">").append(escape(truncate(heading, 70)))
                .append("</text>\n");
        int y = TOP;
        for (int index : result.ranking()) {
            bar(svg, result, result.candidates().get(index), y);
            y += ROW;
        }
        int middle = LABEL + BAR / 2;
        svg.append("<line x1=\"").append(middle).append("\" y1=\"").append(TOP - 8).append("\" x2=\"").append(middle)
                .append("\" y2=\"").append(y - ROW + BAR_HEIGHT + 8)
                .append("\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n");
        svg.append("<text x=\"").append(middle).append("\" y=\"").append(TOP - 14)
                .append("\" text-anchor=\"middle\">50 %</text>\n");
        svg.append("<g><title>Legend: grades from worst to best</title>\n");
        for (int g = 0; g < grades; g++) {
            int x = 10 + (g % LEGEND_PER_LINE) * LEGEND_ITEM;
            int line = legendTop + (g / LEGEND_PER_LINE) * 24;
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(line - 12)
                    .append("\" width=\"14\" height=\"14\" stroke=\"#333\" fill=\"").append(colour(g, grades)).append("\"/>");
            svg.append("<text x=\"").append(x + 20).append("\" y=\"").append(line).append("\">").append(g + 1).append(". ")
                    .append(escape(truncate(result.scale().name(g), 20))).append("</text>\n");
        }
        svg.append("</g>\n</svg>\n");
        return svg.toString();
    }

    private static void bar(StringBuilder svg, Result result, CandidateResult c, int y) {
        int grades = result.scale().size();
        String name = c.name() == null ? "Candidate " + c.index() : oneLine(c.name());
        StringBuilder words = new StringBuilder().append("Rank ").append(c.rank()).append(": ").append(name)
                .append(", ").append(c.mention() == null ? "no ballot" : c.mention());
        for (int g = 0; g < grades; g++) {
            words.append(g == 0 ? "; " : ", ").append(result.scale().name(g)).append(' ').append(percent(c.shares().get(g)));
        }
        svg.append("<g><title>").append(escape(words.toString())).append("</title>\n");
        svg.append("<text x=\"10\" y=\"").append(y + 12).append("\" font-weight=\"bold\">").append(c.rank()).append(". ")
                .append(escape(truncate(name, NAME_MAX))).append("</text>\n");
        svg.append("<text x=\"10\" y=\"").append(y + 30).append("\" font-size=\"13\">")
                .append(escape(c.mention() == null ? "no ballot" : c.mention())).append("</text>\n");
        MeritProfile profile = c.profile();
        BigInteger total = profile.total();
        svg.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y).append("\" width=\"").append(BAR)
                .append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"#eee\" stroke=\"#999\"/>\n");
        if (total.signum() == 0) {
            svg.append("</g>\n");
            return;
        }
        for (int g = 0; g < grades; g++) {
            if (profile.count(g).signum() == 0) {
                continue;
            }
            BigDecimal from = position(profile.cumulative(g - 1), total);
            BigDecimal to = position(profile.cumulative(g), total);
            BigDecimal width = to.subtract(from);
            svg.append("<rect x=\"").append(from.toPlainString()).append("\" y=\"").append(y).append("\" width=\"")
                    .append(width.toPlainString()).append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"")
                    .append(colour(g, grades)).append("\"/>\n");
            if (width.compareTo(BigDecimal.valueOf(SHARE_TEXT_MIN)) >= 0) {
                BigDecimal centre = from.add(width.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN));
                svg.append("<text x=\"").append(centre.toPlainString()).append("\" y=\"").append(y + 18)
                        .append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"").append(textColour(g, grades))
                        .append("\" aria-hidden=\"true\">").append(wholePercent(c.shares().get(g))).append("</text>\n");
            }
        }
        svg.append("</g>\n");
    }

    /** The x coordinate of a cumulative count: {@code LABEL + BAR × part / total}, in hundredths, rounded down. */
    static BigDecimal position(BigInteger part, BigInteger total) {
        BigInteger hundredths = part.multiply(BigInteger.valueOf(BAR * 100L)).divide(total);
        return new BigDecimal(hundredths, 2).add(BigDecimal.valueOf(LABEL));
    }

    /** The grade's colour: red (worst) to yellow (middle) to green (best), interpolated in integers. */
    static String colour(int grade, int grades) {
        int[] rgb = rgb(grade, grades);
        return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    }

    private static int[] rgb(int grade, int grades) {
        int span = grades - 1;
        int twice = 2 * grade;
        return twice <= span ? mix(RED, YELLOW, twice, span) : mix(YELLOW, GREEN, twice - span, span);
    }

    private static int[] mix(int[] from, int[] to, int numerator, int denominator) {
        int[] rgb = new int[3];
        for (int i = 0; i < 3; i++) {
            rgb[i] = (from[i] * (denominator - numerator) + to[i] * numerator + denominator / 2) / denominator;
        }
        return rgb;
    }

    /** Black on light colours, white on dark ones (perceived luminance). */
    private static String textColour(int grade, int grades) {
        int[] rgb = rgb(grade, grades);
        return 299 * rgb[0] + 587 * rgb[1] + 114 * rgb[2] >= 150_000 ? "#000" : "#fff";
    }

    /** XML-escapes a text and drops the characters XML 1.0 cannot carry. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    boolean allowed = c == '\t' || c == '\n' || c == '\r'
                            || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                    if (allowed) {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }

    /** Line breaks and tabs in a label become spaces. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\s\\p{Zl}\\p{Zp}]+", " ").strip();
    }

    /** At most {@code max} code points, the last an ellipsis when cut. */
    static String truncate(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "\u2026";
    }

    private static String percent(BigDecimal share) {
        return share.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + " %";
    }

    private static String wholePercent(BigDecimal share) {
        return share.movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).toPlainString() + " %";
    }
}
