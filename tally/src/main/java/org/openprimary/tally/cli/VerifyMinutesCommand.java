package org.openprimary.tally.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.openprimary.tally.control.MinutesSignature;

/**
 * {@code verify-minutes --key KEY [--signature SIG] MINUTES}: checks an official record's PDF
 * (docs/minutes.md) against its Ed25519 signature (the {@code .sig} file, base64; by default
 * MINUTES followed by {@code .sig}) and the platform's public key (its base64, as the public
 * record's {@code signingKey}, or a file holding it). Exit 0 when the signature is valid,
 * {@value VerifyCommand#NOT_VERIFIED} when it is not, 2 when a file, the signature or the key
 * cannot be read.
 */
final class VerifyMinutesCommand implements SubCommand {

    @Override
    public String name() {
        return "verify-minutes";
    }

    @Override
    public String arguments() {
        return "--key KEY [--signature SIG] MINUTES";
    }

    @Override
    public String summary() {
        return "check an official record (PDF) against its signature and the platform's key";
    }

    @Override
    public int run(List<String> arguments, Streams streams) throws IOException {
        String key = null;
        String signature = null;
        String minutes = null;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--key") || argument.equals("--signature")) {
                if (i + 1 >= arguments.size()) {
                    throw new UsageException("verify-minutes: " + argument + " needs a value");
                }
                if (argument.equals("--key")) {
                    key = arguments.get(++i);
                } else {
                    signature = arguments.get(++i);
                }
            } else if (argument.startsWith("-") && !argument.equals("-")) {
                throw new UsageException("verify-minutes: unknown option " + argument);
            } else if (minutes != null) {
                throw new UsageException("verify-minutes takes one MINUTES file");
            } else {
                minutes = argument;
            }
        }
        if (minutes == null) {
            throw new UsageException("verify-minutes: which MINUTES? give the PDF file, or - for standard input");
        }
        if (key == null) {
            throw new UsageException("verify-minutes: --key is required: the platform's public key (base64), or a file"
                    + " holding it");
        }
        if (signature == null) {
            if (minutes.equals("-")) {
                throw new UsageException("verify-minutes: with the PDF on standard input, give --signature SIG");
            }
            signature = minutes + ".sig";
        }
        byte[] document;
        try (InputStream in = InputFiles.open(minutes, streams.in())) {
            document = in.readAllBytes();
        }
        String publicKey = MinutesSignature.isKey(key) ? key.strip() : text(key, streams);
        boolean valid = MinutesSignature.valid(document, text(signature, streams), publicKey);
        String digest = HexFormat.of().formatHex(sha256(document));
        if (valid) {
            streams.out().println("minutes verified: " + (minutes.equals("-") ? "standard input" : minutes) + " ("
                    + document.length + " bytes, SHA-256 " + digest + ") is signed by the key " + publicKey);
            return TallyCommand.OK;
        }
        streams.out().println("minutes NOT verified: the signature is not valid for " + (minutes.equals("-")
                ? "standard input" : minutes) + " (" + document.length + " bytes, SHA-256 " + digest + ") under the"
                + " key " + publicKey + ": the file was changed, or another key signed it");
        return VerifyCommand.NOT_VERIFIED;
    }

    private static String text(String file, Streams streams) throws IOException {
        try (InputStream in = InputFiles.open(file, streams.in())) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
