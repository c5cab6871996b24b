package org.openprimary.voting.control;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.secret.SecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The console's second factor: TOTP (RFC 6238) as every authenticator app reads it (HMAC-SHA1,
 * 6 digits, 30-second steps), through {@code dev.samstevens.totp}. A code is accepted for the step
 * before, the current one and the one after (clock drift of the phone), and only for a step later
 * than the last one accepted, so an observed code cannot be replayed.
 */
public final class SecondFactors {

    public static final int PERIOD_SECONDS = 30;
    public static final int DIGITS = 6;
    public static final String ISSUER = "OpenPrimary";

    /** 32 base32 characters: a 160-bit secret, the size RFC 4226 recommends for HMAC-SHA1. */
    private static final SecretGenerator SECRETS = new DefaultSecretGenerator(32);
    private static final CodeGenerator CODES = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

    private SecondFactors() {
    }

    public static String newSecret() {
        return SECRETS.generate();
    }

    /** The 30-second step an instant falls in. */
    public static long step(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), PERIOD_SECONDS);
    }

    /** The code of a step (for tests and for the demo's documentation, never sent anywhere). */
    public static String code(String secret, long step) {
        try {
            return CODES.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("TOTP code generation failed", e);
        }
    }

    /**
     * The step, later than {@code lastAccepted}, whose code is {@code code}, if any. Every candidate
     * step is compared in constant time, so timing does not tell which step nearly matched.
     */
    public static OptionalLong matchingStep(String secret, String code, Instant now, long lastAccepted) {
        if (secret == null || code == null) {
            return OptionalLong.empty();
        }
        String typed = code.replace(" ", "").strip();
        if (!typed.matches("[0-9]{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = step(now);
        long found = -1;
        for (long candidate = current - 1; candidate <= current + 1; candidate++) {
            boolean same = MessageDigest.isEqual(code(secret, candidate).getBytes(StandardCharsets.US_ASCII),
                    typed.getBytes(StandardCharsets.US_ASCII));
            if (same && candidate > lastAccepted && found < 0) {
                found = candidate;
            }
        }
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** The {@code otpauth://} URI an authenticator app reads from the QR code. */
    public static String otpauthUri(String username, String secret) {
        return qrData(username, secret).getUri();
    }

    /** The QR code of the {@code otpauth://} URI, as a PNG image. */
    public static byte[] qrPng(String username, String secret) {
        try {
            return new ZxingPngQrGenerator().generate(qrData(username, secret));
        } catch (QrGenerationException e) {
            throw new IllegalStateException("QR code generation failed", e);
        }
    }

    private static QrData qrData(String username, String secret) {
        return new QrData.Builder().label(username).secret(secret).issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1).digits(DIGITS).period(PERIOD_SECONDS).build();
    }
}
