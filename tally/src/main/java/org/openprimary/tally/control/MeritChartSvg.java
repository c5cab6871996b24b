package org.openprimary.tally.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.openprimary.tally.entity.CandidateResult;
import org.openprimary.tally.entity.Result;

/**
 * The merit profiles as an SVG chart: one horizontal stacked bar per candidate, in rank order,
 * a colour per grade from red (worst) to green (best), the 50 % line marked, each bar labelled
 * with rank, name and mention. Accessible: a title and a description, a legend in words, every
 * segment titled with its grade and share, so colour is never the only carrier. Every text from
 * the input is escaped.
 */
public final class MeritChartSvg {

    static final int WIDTH = 900;
    static final int LABEL = 300;
    static final int BAR = 560;
    static final int ROW = 34;
    static final int TOP = 60;

    private MeritChartSvg() {
    }

    public static String write(Result result, String title) {
        int grades = result.scale().size();
        int rows = result.candidates().size();
        int height = TOP + rows * ROW + 70;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"title desc\" font-family=\"sans-serif\" font-size=\"14\">\n");
        svg.append("<title id=\"title\">").append(escape(title)).append("</title>\n");
        svg.append("<desc id=\"desc\">Merit profiles of ").append(rows).append(" candidates from ")
                .append(result.ballots()).append(" ballots, best ranked first; each bar shows the share of each grade, from ")
                .append(escape(result.scale().name(0))).append(" (left, red) to ")
                .append(escape(result.scale().name(grades - 1))).append(" (right, green).</desc>\n");
        svg.append("<text x=\"10\" y=\"28\" font-size=\"18\" font-weight=\"bold\">").append(escape(title)).append("</text>\n");
        int y = TOP;
        for (int index : result.ranking()) {
            CandidateResult c = result.candidates().get(index);
            String label = c.rank() + ". " + (c.name() == null ? "#" + c.index() : c.name())
                    + (c.mention() == null ? "" : " — " + c.mention());
            svg.append("<g>\n<text x=\"10\" y=\"").append(y + 20).append("\">").append(escape(label)).append("</text>\n");
            double x = LABEL;
            for (int g = 0; g < grades; g++) {
                BigDecimal share = c.shares().get(g);
                double width = share.doubleValue() * BAR; // drawing only; no decision uses it
                svg.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(y + 4).append("\" width=\"")
                        .append(fmt(width)).append("\" height=\"22\" fill=\"").append(colour(g, grades)).append("\">")
                        .append("<title>").append(escape(result.scale().name(g))).append(": ")
                        .append(percent(share)).append("</title></rect>\n");
                x += width;
            }
            svg.append("</g>\n");
            y += ROW;
        }
        int middle = LABEL + BAR / 2;
        svg.append("<line x1=\"").append(middle).append("\" y1=\"").append(TOP - 6).append("\" x2=\"").append(middle)
                .append("\" y2=\"").append(y).append("\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n");
        svg.append("<text x=\"").append(middle + 4).append("\" y=\"").append(TOP - 10).append("\">50 %</text>\n");
        double legendX = 10;
        int legendY = y + 30;
        for (int g = 0; g < grades; g++) {
            svg.append("<rect x=\"").append(fmt(legendX)).append("\" y=\"").append(legendY - 12)
                    .append("\" width=\"14\" height=\"14\" fill=\"").append(colour(g, grades)).append("\"/>");
            svg.append("<text x=\"").append(fmt(legendX + 18)).append("\" y=\"").append(legendY).append("\">")
                    .append(escape(result.scale().name(g))).append("</text>\n");
            legendX += 24 + 8 * Math.min(result.scale().name(g).length(), 20);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** From red (worst) through amber to green (best). */
    static String colour(int grade, int grades) {
        double t = grades == 1 ? 1 : (double) grade / (grades - 1);
        int red = (int) Math.round(t < 0.5 ? 215 : 215 - (t - 0.5) * 2 * (215 - 26));
        int green = (int) Math.round(t < 0.5 ? 48 + t * 2 * (190 - 48) : 190 - (t - 0.5) * 2 * (190 - 150));
        int blue = (int) Math.round(t < 0.5 ? 39 : 39 + (t - 0.5) * 2 * (80 - 39));
        return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    private static String percent(BigDecimal share) {
        return share.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + " %";
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
