package org.openprimary.voting.boundary;

/**
 * An official record (procès-verbal) as a PDF and its Ed25519 signature over the PDF's bytes:
 * {@code signature} is base64, made with the platform's signing key, whose public half
 * ({@code signingKey}, base64 of its X.509 encoding) also signs the box's checkpoints.
 */
public record SignedMinutes(String fileName, byte[] pdf, String signature, String signingKey) {

    public SignedMinutes {
        pdf = pdf.clone();
    }

    @Override
    public byte[] pdf() {
        return pdf.clone();
    }
}
