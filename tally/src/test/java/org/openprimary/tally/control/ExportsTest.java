package org.openprimary.tally.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.openprimary.tally.entity.GradeScale;
import org.openprimary.tally.entity.MeritProfile;
import org.openprimary.tally.entity.Result;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ExportsTest {

    private static final List<String> NAMES = List.of("Camille, dite \"Cam\"", "=HYPERLINK(\"http://evil\")",
            "<script>alert('x')</script> & co", "-2+3", "Line\nbreak");

    private static Result sample() {
        return Tally.rank("primary-2027", GradeScale.DEFAULT, NAMES, List.of(
                MeritProfile.of(2, 3, 5, 6, 4), MeritProfile.of(2, 3, 5, 4, 6), MeritProfile.of(8, 4, 4, 2, 2),
                MeritProfile.of(2, 3, 5, 4, 6), MeritProfile.of(0, 0, 0, 0, 20)));
    }

    // ---- JSON ----

    @Test
    void theJsonHasTheDocumentedShape() throws Exception {
        String text = ResultJson.write(sample());
        JsonNode json = new ObjectMapper().readTree(text);
        assertEquals(ResultJson.FORMAT, json.get("format").asText());
        assertEquals("primary-2027", json.get("election").asText());
        assertEquals(GradeScale.DEFAULT.names().toString(), json.get("grades").toString().replace("\"", "").replace(",", ", "));
        assertEquals(20, json.get("ballots").asInt());
        assertEquals("[4,1,3,0,2]", json.get("ranking").toString());
        JsonNode first = json.get("candidates").get(0);
        assertEquals(List.of("index", "name", "rank", "majorityGrade", "majorityGradeName", "mention", "counts", "shares"),
                fieldNames(first));
        assertEquals(NAMES.get(0), first.get("name").asText());
        assertEquals("[2,3,5,6,4]", first.get("counts").toString());
        assertTrue(text.contains("\"shares\" : [ 0.100000, 0.150000, 0.250000, 0.300000, 0.200000 ]"), "plain decimals");
        assertEquals(2, json.get("candidates").get(1).get("rank").asInt());
        assertEquals(2, json.get("candidates").get(3).get("rank").asInt());
    }

    @Test
    void theJsonWritesHugeCountsExactlyAndNullsWithoutBallots() throws Exception {
        BigInteger huge = new BigInteger("123456789012345678901234567890");
        Result result = Tally.rank(null, GradeScale.ofSize(2), null, List.of(
                new MeritProfile(new BigInteger[] {huge, BigInteger.ONE}, "a"),
                new MeritProfile(new BigInteger[] {BigInteger.ONE, huge}, "b")));
        JsonNode json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                .readTree(ResultJson.write(result));
        assertEquals(huge.add(BigInteger.ONE), json.get("ballots").bigIntegerValue());
        assertEquals(huge, json.get("candidates").get(0).get("counts").get(0).bigIntegerValue());
        assertFalse(json.has("election"), "no election outside the platform");
        assertTrue(json.get("candidates").get(0).get("name").isNull());

        JsonNode empty = new ObjectMapper().readTree(ResultJson.write(
                Tally.rank(null, GradeScale.ofSize(2), null, List.of(MeritProfile.of(0, 0)))));
        assertTrue(empty.get("candidates").get(0).get("majorityGrade").isNull());
        assertTrue(empty.get("candidates").get(0).get("mention").isNull());
    }

    @Test
    void theRankingJsonIsExactlyWhatIssue3Specifies() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ResultJson.writeRanking(sample()));
        assertEquals(List.of("ballots", "candidates", "ranking"), fieldNames(json));
        assertEquals(List.of("index", "name", "rank", "majorityGrade", "majorityGradeName", "mention", "shares"),
                fieldNames(json.get("candidates").get(0)));
    }

    // ---- CSV ----

    @Test
    void theCsvHasOneRowPerCandidateInRankOrderAndEveryNameSurvives() {
        String csv = ResultCsv.write(sample());
        assertTrue(csv.endsWith("\r\n"));
        List<List<String>> rows = parseCsv(csv);
        assertEquals(6, rows.size());
        assertEquals(List.of("rank", "index", "name", "majority_grade", "majority_grade_name", "mention", "ballots",
                "count Insuffisant", "count Passable", "count Assez bien", "count Bien", "count Très bien",
                "share Insuffisant", "share Passable", "share Assez bien", "share Bien", "share Très bien"), rows.get(0));
        assertEquals(List.of("4", "1", "3", "0", "2"), rows.subList(1, 6).stream().map(r -> r.get(1)).toList(),
                "rank order");
        assertEquals(List.of("1", "2", "2", "4", "5"), rows.subList(1, 6).stream().map(r -> r.get(0)).toList());
        assertEquals(NAMES.get(0), rows.get(4).get(2), "a comma and quotes survive");
        assertEquals(NAMES.get(4), rows.get(1).get(2), "a line break survives");
        assertEquals(List.of("2", "3", "5", "4", "6", "0.100000", "0.150000", "0.250000", "0.200000", "0.300000"),
                rows.get(2).subList(7, 17));
        assertEquals("Assez bien +", rows.get(2).get(5));
    }

    @Test
    void theCsvDisarmsSpreadsheetFormulas() {
        List<List<String>> rows = parseCsv(ResultCsv.write(sample()));
        assertEquals("'=HYPERLINK(\"http://evil\")", rows.get(2).get(2));
        assertEquals("'-2+3", rows.get(3).get(2));
        assertEquals("'@SUM(A1)", ResultCsv.cell("@SUM(A1)"));
        assertEquals("'+1", ResultCsv.cell("+1"));
        assertEquals("'\tx", ResultCsv.cell("\tx"));
        assertEquals("'\uFF1D1+1", ResultCsv.cell("\uFF1D1+1"), "full-width equals sign");
        assertEquals("Bien", ResultCsv.cell("Bien"));
        assertEquals("\"a,b\"", ResultCsv.cell("a,b"));
        assertEquals("\"'=a,\"\"b\"\"\"", ResultCsv.cell("=a,\"b\""));
    }

    /** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
    static List<List<String>> parseCsv(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertEquals(0, field.length(), "a quote only opens a field");
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                assertEquals('\n', csv.charAt(i + 1), "records end with CRLF");
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                assertFalse(c == '\n', "a bare line feed outside quotes");
                field.append(c);
            }
        }
        assertFalse(quoted);
        assertTrue(row.isEmpty() && field.length() == 0, "the last record ends with CRLF");
        return rows;
    }

    // ---- SVG ----

    @Test
    void theChartIsWellFormedAccessibleAndEscapesEveryName() throws Exception {
        String svg = MeritChartSvg.write(sample(), "Primaire <2027> & \"co\"");
        Document doc = parseXml(svg);
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getTagName());
        assertEquals("img", root.getAttribute("role"));
        assertEquals("chart-title chart-desc", root.getAttribute("aria-labelledby"));
        assertEquals("Primaire <2027> & \"co\"", text(doc, "title", 0));
        assertTrue(text(doc, "desc", 0).contains("5 candidates from 20 ballots"));
        assertFalse(svg.contains("<script"), "no name becomes markup");
        assertEquals(0, doc.getElementsByTagName("script").getLength());
        assertTrue(svg.contains("&lt;script&gt;"));
    }

    @Test
    void theChartDrawsTheBarsInRankOrderWithTheirRankNameAndMention() throws Exception {
        Document doc = parseXml(MeritChartSvg.write(sample(), "t"));
        List<String> groupTitles = new ArrayList<>();
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            groupTitles.add(((Element) groups.item(i)).getElementsByTagName("title").item(0).getTextContent());
        }
        assertEquals(6, groupTitles.size(), "five bars and the legend");
        assertTrue(groupTitles.get(0).startsWith("Rank 1: Line break, Très bien; Insuffisant 0.0 %"), groupTitles.get(0));
        assertTrue(groupTitles.get(1).startsWith("Rank 2: =HYPERLINK(\"http://evil\"), Assez bien +"), groupTitles.get(1));
        assertTrue(groupTitles.get(2).startsWith("Rank 2: -2+3"), groupTitles.get(2));
        assertTrue(groupTitles.get(3).startsWith("Rank 4: Camille"), groupTitles.get(3));
        assertTrue(groupTitles.get(3).endsWith("Bien 30.0 %, Très bien 20.0 %"), groupTitles.get(3));
        assertTrue(groupTitles.get(4).startsWith("Rank 5: <script>"), groupTitles.get(4));
        assertTrue(groupTitles.get(5).startsWith("Legend"));
    }

    @Test
    void theChartMarksTheHalfAndColoursFromRedToGreen() throws Exception {
        String svg = MeritChartSvg.write(sample(), "t");
        int middle = MeritChartSvg.LABEL + MeritChartSvg.BAR / 2;
        assertTrue(svg.contains("<line x1=\"" + middle + "\""), "the 50 % line at the middle of the bars");
        assertTrue(svg.contains(">50 %</text>"));
        assertEquals("#d73027", MeritChartSvg.colour(0, 5), "worst: red");
        assertEquals("#fee08b", MeritChartSvg.colour(2, 5), "middle: yellow");
        assertEquals("#1a9850", MeritChartSvg.colour(4, 5), "best: green");
        assertEquals("#d73027", MeritChartSvg.colour(0, 2));
        assertEquals("#1a9850", MeritChartSvg.colour(1, 2));
        for (int grades = 2; grades <= 10; grades++) {
            for (int g = 1; g < grades; g++) {
                assertTrue(greenMinusRed(MeritChartSvg.colour(g, grades)) > greenMinusRed(MeritChartSvg.colour(g - 1, grades)),
                        "greener with every grade, " + grades + " grades");
            }
        }
    }

    @Test
    void everyBarSpansExactlyTheWholeWidth() throws Exception {
        Result result = Tally.rank(null, GradeScale.ofSize(3), null, List.of(MeritProfile.of(1, 1, 1)));
        Document doc = parseXml(MeritChartSvg.write(result, "t"));
        NodeList rects = ((Element) doc.getElementsByTagName("g").item(0)).getElementsByTagName("rect");
        BigDecimal end = BigDecimal.ZERO;
        for (int i = 1; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            end = new BigDecimal(rect.getAttribute("x")).add(new BigDecimal(rect.getAttribute("width")));
        }
        assertEquals(0, end.compareTo(BigDecimal.valueOf(MeritChartSvg.LABEL + MeritChartSvg.BAR)));
        assertEquals("523.33", ((Element) rects.item(2)).getAttribute("x"), "a third in, rounded down");
    }

    @Test
    void textsXmlCannotCarryAreDroppedAndLongNamesCut() {
        assertEquals("ab", MeritChartSvg.escape("a\u0000\u0007b"));
        assertEquals("a\uD83D\uDE00", MeritChartSvg.escape("a\uD83D\uDE00\uD800"), "a pair kept, a lone surrogate dropped");
        assertEquals("abc\u2026", MeritChartSvg.truncate("abcdefgh", 4));
        assertEquals("\uD83D\uDE00\u2026", MeritChartSvg.truncate("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", 2),
                "cut between code points");
    }

    private static int greenMinusRed(String colour) {
        return Integer.parseInt(colour.substring(3, 5), 16) - Integer.parseInt(colour.substring(1, 3), 16);
    }

    static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Document doc, String tag, int index) {
        return doc.getElementsByTagName(tag).item(index).getTextContent();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
