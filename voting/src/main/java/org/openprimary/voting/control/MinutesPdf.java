package org.openprimary.voting.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes an official record (procès-verbal, docs/minutes.md) as a PDF with Apache PDFBox: a
 * bilingual title, then sections of facts, each a label in French and English and its value. The
 * bytes depend only on the facts: the document's dates are the event's, its identifier is a hash
 * of the facts, the fonts are PDF's standard Helvetica (nothing embedded, nothing random), so the
 * same facts always give the same file, and its Ed25519 signature is the same too.
 *
 * <p>Characters the standard fonts cannot show (outside Windows-1252) are written without their
 * accents when that is enough, else as {@code ?}; the facts that matter (fingerprints, counts,
 * times, accounts) are ASCII.
 */
public final class MinutesPdf {

    /** One fact: its label in French and in English, and its value. */
    public record Row(String labelFr, String labelEn, String value) {
    }

    /** A heading in French and English, and its facts. */
    public record Section(String headingFr, String headingEn, List<Row> rows) {

        public Section {
            rows = List.copyOf(rows);
        }
    }

    /**
     * A whole record: its kind ({@code seal} or {@code count}), titles, the election, when the event
     * happened (the document's date), the facts, and a closing note in both languages.
     */
    public record Minutes(String kind, String titleFr, String titleEn, String election, Instant dated,
            List<Section> sections, String noteFr, String noteEn) {

        public Minutes {
            sections = List.copyOf(sections);
        }

        /** The facts as canonical text: what the document's identifier hashes. */
        String canonical() {
            StringBuilder text = new StringBuilder("openprimary-minutes/1\n").append(kind).append('\n')
                    .append(election).append('\n').append(dated).append('\n');
            for (Section section : sections) {
                text.append("# ").append(section.headingEn()).append('\n');
                for (Row row : section.rows()) {
                    text.append(row.labelEn()).append('=').append(row.value()).append('\n');
                }
            }
            return text.append(noteFr).append('\n').append(noteEn).append('\n').toString();
        }
    }

    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float TOP = PDRectangle.A4.getHeight() - MARGIN;
    private static final float BOTTOM = MARGIN + 24;
    private static final float VALUE_INDENT = 14;

    private MinutesPdf() {
    }

    /** The PDF's bytes; the same facts always give the same bytes. */
    public static byte[] write(Minutes minutes) {
        PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        PDFont italic = new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(bold, 16, 0, minutes.titleFr(), 0));
        lines.add(new Line(italic, 13, 0, minutes.titleEn(), 4));
        for (Section section : minutes.sections()) {
            lines.add(new Line(bold, 12, 0, section.headingFr() + " / " + section.headingEn(), 16));
            for (Row row : section.rows()) {
                for (String part : wrap(bold, 9, row.labelFr() + " / " + row.labelEn(), WIDTH)) {
                    lines.add(new Line(bold, 9, 0, part, 7));
                }
                boolean first = true;
                for (String paragraph : row.value().split("\n", -1)) {
                    for (String part : wrap(regular, 10, paragraph, WIDTH - VALUE_INDENT)) {
                        lines.add(new Line(regular, 10, VALUE_INDENT, part, first ? 2 : 1));
                        first = false;
                    }
                }
            }
        }
        for (String part : wrap(italic, 9, minutes.noteFr(), WIDTH)) {
            lines.add(new Line(italic, 9, 0, part, lines.get(lines.size() - 1).font == italic ? 1 : 18));
        }
        for (String part : wrap(italic, 9, minutes.noteEn(), WIDTH)) {
            lines.add(new Line(italic, 9, 0, part, 1));
        }
        List<List<Placed>> pages = paginate(lines);

        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int p = 0; p < pages.size(); p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    for (Placed placed : pages.get(p)) {
                        text(content, placed.line.font, placed.line.size, MARGIN + placed.line.indent, placed.y,
                                placed.line.text);
                    }
                    text(content, regular, 8, MARGIN, MARGIN, "OpenPrimary · " + minutes.election()
                            + " · page " + (p + 1) + " / " + pages.size());
                }
            }
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(printable(regular, minutes.titleFr() + " / " + minutes.titleEn()));
            info.setSubject(minutes.election());
            info.setCreator("OpenPrimary");
            info.setProducer("OpenPrimary with Apache PDFBox");
            info.setCreationDate(calendar(minutes.dated()));
            info.setModificationDate(calendar(minutes.dated()));
            // Without an identifier PDFBox would make one from the clock: the facts' hash instead.
            byte[] id = Arrays.copyOf(sha256(minutes.canonical()), 16);
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            document.getDocument().getTrailer().setItem(COSName.ID, ids);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the official record could not be written", e);
        }
    }

    private record Line(PDFont font, float size, float indent, String text, float gapBefore) {
    }

    private record Placed(Line line, float y) {
    }

    private static List<List<Placed>> paginate(List<Line> lines) {
        List<List<Placed>> pages = new ArrayList<>();
        List<Placed> page = new ArrayList<>();
        float y = TOP;
        for (Line line : lines) {
            float next = y - (page.isEmpty() ? 0 : line.gapBefore) - line.size * 1.2f;
            if (next < BOTTOM && !page.isEmpty()) {
                pages.add(page);
                page = new ArrayList<>();
                next = TOP - line.size * 1.2f;
            }
            page.add(new Placed(line, next));
            y = next;
        }
        pages.add(page);
        return pages;
    }

    private static void text(PDPageContentStream content, PDFont font, float size, float x, float y, String text)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(printable(font, text));
        content.endText();
    }

    /** Lines that fit the width: at spaces, or inside a word (a fingerprint) when a word alone is too wide. */
    static List<String> wrap(PDFont font, float size, String text, float width) {
        String clean = printable(font, text);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : clean.split(" ", -1)) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (width(font, size, candidate) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (width(font, size, rest) > width) {
                int cut = rest.length() - 1;
                while (cut > 1 && width(font, size, rest.substring(0, cut)) > width) {
                    cut--;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        lines.add(line.toString());
        return lines;
    }

    private static float width(PDFont font, float size, String text) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with what the standard font cannot encode replaced: accents dropped, else {@code ?}. */
    static String printable(PDFont font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                out.append(' ');
                return;
            }
            String c = new String(Character.toChars(cp));
            if (encodable(font, c)) {
                out.append(c);
                return;
            }
            String bare = switch (cp) { // letters with a stroke do not decompose
                case 'Ł' -> "L";
                case 'ł' -> "l";
                case 'Đ' -> "D";
                case 'đ' -> "d";
                case 'Ħ' -> "H";
                case 'ħ' -> "h";
                case 'ı' -> "i";
                default -> Normalizer.normalize(c, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            };
            out.append(!bare.isEmpty() && encodable(font, bare) ? bare : "?");
        });
        return out.toString();
    }

    private static boolean encodable(PDFont font, String c) {
        try {
            font.encode(c);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    private static Calendar calendar(Instant at) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT);
        calendar.setTimeInMillis(at.toEpochMilli());
        return calendar;
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
