package org.openprimary.voting.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The text a seal covers, in a canonical, documented form (docs/sealing.md): one {@code key=value}
 * line per item, in a fixed order, values escaped so no line break or equals sign can shift a
 * line, UTF-8, ending with a line break. The seal's fingerprint is the SHA-256 of this text; anyone
 * can rebuild the text from the published election and recompute it.
 */
public record SealDocument(String text) {

    public static final String FORMAT = "openprimary-seal-2";

    /** {@code registration.landline}: a French landline may be the phone, its codes by voice call. */
    public static final String LANDLINE_ACCEPTED = "accepted-voice-code";

    /** {@code registration.landline}: the phone must be a mobile. */
    public static final String LANDLINE_REFUSED = "refused";

    /**
     * Everything the seal covers. {@code fee}: {@code none}, or the participation fee in cents and
     * its currency, e.g. {@code 100 EUR} ({@link ParticipationFee#sealValue()}).
     */
    public record Content(String electionId, String title, List<String> candidates, List<String> grades,
            List<String> requiredFactors, List<String> allowedCountries, String rollMode, boolean landlineVoiceCode,
            String fee, Instant votingOpensAt,
            Instant votingClosesAt, long rollSize, long rollLedgerEntries, String rollLedgerHead, String rollCredentials,
            List<String> trustees, int trusteeThreshold, String votingCode, String softwareVersion) {

        /** The content of an election without a participation fee. */
        public Content(String electionId, String title, List<String> candidates, List<String> grades,
                List<String> requiredFactors, List<String> allowedCountries, String rollMode,
                boolean landlineVoiceCode, Instant votingOpensAt, Instant votingClosesAt, long rollSize,
                long rollLedgerEntries, String rollLedgerHead, String rollCredentials, List<String> trustees,
                int trusteeThreshold, String votingCode, String softwareVersion) {
            this(electionId, title, candidates, grades, requiredFactors, allowedCountries, rollMode, landlineVoiceCode,
                    ParticipationFee.SEAL_NONE, votingOpensAt, votingClosesAt, rollSize, rollLedgerEntries,
                    rollLedgerHead, rollCredentials, trustees, trusteeThreshold, votingCode, softwareVersion);
        }
    }

    public static SealDocument of(Content c) {
        List<String> lines = new ArrayList<>();
        lines.add(line("format", FORMAT));
        lines.add(line("election", c.electionId()));
        lines.add(line("title", c.title()));
        lines.add(line("candidates", Integer.toString(c.candidates().size())));
        for (int i = 0; i < c.candidates().size(); i++) {
            lines.add(line("candidate." + i, c.candidates().get(i)));
        }
        lines.add(line("grades", Integer.toString(c.grades().size())));
        for (int i = 0; i < c.grades().size(); i++) {
            lines.add(line("grade." + i, c.grades().get(i)));
        }
        lines.add(line("registration.factors", String.join(",", c.requiredFactors())));
        lines.add(line("registration.countries", String.join(",", c.allowedCountries())));
        lines.add(line("registration.roll-mode", c.rollMode()));
        lines.add(line("registration.landline", c.landlineVoiceCode() ? LANDLINE_ACCEPTED : LANDLINE_REFUSED));
        lines.add(line("registration.fee", c.fee()));
        lines.add(line("voting.opens", c.votingOpensAt().toString()));
        lines.add(line("voting.closes", c.votingClosesAt().toString()));
        lines.add(line("voting.code", c.votingCode()));
        lines.add(line("roll.size", Long.toString(c.rollSize())));
        lines.add(line("roll.ledger.entries", Long.toString(c.rollLedgerEntries())));
        lines.add(line("roll.ledger.head", c.rollLedgerHead()));
        lines.add(line("roll.credentials", c.rollCredentials()));
        lines.add(line("trustees", Integer.toString(c.trustees().size())));
        for (int i = 0; i < c.trustees().size(); i++) {
            lines.add(line("trustee." + (i + 1), c.trustees().get(i)));
        }
        lines.add(line("trustees.threshold", Integer.toString(c.trusteeThreshold())));
        lines.add(line("software.version", c.softwareVersion()));
        return new SealDocument(String.join("\n", lines) + "\n");
    }

    /**
     * This document for a second round: one more line, {@code second-round.of=<first round's id>},
     * after the last one. A first round's document has no such line.
     */
    public SealDocument secondRoundOf(String firstRoundId) {
        return new SealDocument(text + line("second-round.of", firstRoundId) + "\n");
    }

    /** SHA-256 of the text, in lower-case hexadecimal. */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static String line(String key, String value) {
        return key + "=" + escape(value);
    }

    /** Backslash, line breaks and equals signs are escaped, so every item stays on its own line. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '=' -> escaped.append("\\=");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
