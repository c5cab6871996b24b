package org.openprimary.voting.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openprimary.tally.control.MinutesSignature;
import org.openprimary.voting.control.MinutesPdf.Minutes;
import org.openprimary.voting.control.MinutesPdf.Row;
import org.openprimary.voting.control.MinutesPdf.Section;

/** The official record's PDF: its text reads back, its bytes depend only on the facts, its signature holds. */
class MinutesPdfTest {

    private static final String FINGERPRINT = "6f922ccddc0fa776c7d6817dd5f140f7c391377407c32caf2c3bd4f1029b47bc";

    private static Minutes minutes(long roll, int candidates) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Électeurs sur la liste", "Voters on the roll", Long.toString(roll)));
        rows.add(new Row("Empreinte SHA-256 du document scellé", "SHA-256 fingerprint of the sealed document",
                FINGERPRINT));
        for (int i = 1; i <= candidates; i++) {
            rows.add(new Row("Candidat " + i, "Candidate " + i, "Dominique Łukasiewicz-Müller n° " + i));
        }
        return new Minutes("seal", "Procès-verbal de scellement de l'urne", "Official record of the sealing",
                "0b7e6f1c-2a9d-4c1e-9f3b-5d8a7c6e4b21", Instant.parse("2027-01-10T09:30:00Z"),
                List.of(new Section("Liste électorale", "Roll", rows)), "Heures en UTC.", "Times are in UTC.");
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void theTextReadsBackWithTheFingerprintTheCountsAndBothLanguages() throws Exception {
        String text = text(MinutesPdf.write(minutes(466_895, 3)));

        assertTrue(text.contains("Procès-verbal de scellement de l'urne"), text);
        assertTrue(text.contains("Official record of the sealing"), text);
        assertTrue(text.contains("Électeurs sur la liste / Voters on the roll"), text);
        assertTrue(text.contains("466895"), text);
        assertTrue(text.contains(FINGERPRINT), text);
        assertTrue(text.contains("Dominique Lukasiewicz-Müller n° 3"),
                "a letter the standard font lacks loses its accent, the others keep theirs: " + text);
    }

    @Test
    void theSameFactsGiveTheSameBytesAndOtherFactsOtherBytes() throws Exception {
        byte[] first = MinutesPdf.write(minutes(8, 3));
        byte[] again = MinutesPdf.write(minutes(8, 3));

        assertArrayEquals(first, again);
        assertFalse(java.util.Arrays.equals(first, MinutesPdf.write(minutes(9, 3))));
        try (PDDocument document = Loader.loadPDF(first)) {
            assertEquals(Instant.parse("2027-01-10T09:30:00Z"),
                    document.getDocumentInformation().getCreationDate().toInstant(), "dated by the event, not the clock");
        }
    }

    @Test
    void aLongRecordFlowsOntoNumberedPages() throws Exception {
        byte[] pdf = MinutesPdf.write(minutes(8, 200));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertTrue(document.getNumberOfPages() > 1);
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("page 1 / " + document.getNumberOfPages()), text);
            assertTrue(text.contains("n° 200"), "nothing is cut off at the end");
        }
    }

    @Test
    void theSignatureVerifiesAndFailsOnAnyChangedByte() throws Exception {
        byte[] pdf = MinutesPdf.write(minutes(8, 3));
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key.getPrivate());
        signer.update(pdf);
        String signature = Base64.getEncoder().encodeToString(signer.sign());
        String publicKey = Base64.getEncoder().encodeToString(key.getPublic().getEncoded());

        assertTrue(MinutesSignature.valid(pdf, signature, publicKey));
        byte[] changed = pdf.clone();
        changed[pdf.length / 2] ^= 0x01;
        assertFalse(MinutesSignature.valid(changed, signature, publicKey));
    }
}
