package org.openprimary.registration.entity;

import java.security.SecureRandom;
import java.util.Locale;
import org.openprimary.common.InvalidInputException;

/**
 * A registration's help code: what a citizen reads out to the hotline so a volunteer finds their
 * registration without asking for their name, phone or email. Eight random characters of
 * Crockford's base32 (40 bits, from {@link SecureRandom}) and a check character (Luhn mod 32 over
 * the eight, so any single misread character and most swaps of two neighbours are caught), shown as
 * {@code K3F9-7QXM-4}. Read back leniently, as Crockford intends: any case, {@code O} for
 * {@code 0}, {@code I} and {@code L} for {@code 1}, hyphens and spaces ignored.
 */
public record HelpCode(String value) {

    /** Crockford's base32: no I, L, O, U. */
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int RANDOM_CHARACTERS = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    public HelpCode {
        if (value == null || value.length() != RANDOM_CHARACTERS + 1 || value.chars().anyMatch(c -> ALPHABET.indexOf(c) < 0)
                || check(value.substring(0, RANDOM_CHARACTERS)) != value.charAt(RANDOM_CHARACTERS)) {
            throw new IllegalArgumentException("not a help code");
        }
    }

    /** A new random code. */
    public static HelpCode random() {
        StringBuilder code = new StringBuilder(RANDOM_CHARACTERS + 1);
        for (int i = 0; i < RANDOM_CHARACTERS; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new HelpCode(code.append(check(code.toString())).toString());
    }

    /**
     * The code a citizen read out or typed, leniently.
     *
     * @throws InvalidInputException on {@code field}, saying whether a character is not one of the
     *         code's or the check character does not match (a character was misheard)
     */
    public static HelpCode parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "give the help code the citizen reads out, e.g. K3F9-7QXM-4");
        }
        StringBuilder normalized = new StringBuilder();
        for (char c : text.strip().toUpperCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '-', ' ' -> {
                    // groups only
                }
                case 'O' -> normalized.append('0');
                case 'I', 'L' -> normalized.append('1');
                default -> {
                    if (ALPHABET.indexOf(c) < 0) {
                        throw new InvalidInputException(field, "'" + c + "' is not in a help code (digits and letters"
                                + " but I, L, O, U)");
                    }
                    normalized.append(c);
                }
            }
        }
        if (normalized.length() != RANDOM_CHARACTERS + 1) {
            throw new InvalidInputException(field, "a help code has " + (RANDOM_CHARACTERS + 1) + " characters, not "
                    + normalized.length());
        }
        String code = normalized.toString();
        if (check(code.substring(0, RANDOM_CHARACTERS)) != code.charAt(RANDOM_CHARACTERS)) {
            throw new InvalidInputException(field, "this help code's last character does not match: a character was"
                    + " misheard; ask the citizen to read it again");
        }
        return new HelpCode(code);
    }

    /** Grouped for reading out: {@code K3F9-7QXM-4}. */
    public String display() {
        return value.substring(0, 4) + "-" + value.substring(4, 8) + "-" + value.substring(8);
    }

    /** Luhn mod 32: the character that makes the weighted sum of the whole code a multiple of 32. */
    static char check(String characters) {
        int n = ALPHABET.length();
        int factor = 2;
        int sum = 0;
        for (int i = characters.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(characters.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        return ALPHABET.charAt((n - sum % n) % n);
    }

    @Override
    public String toString() {
        return display();
    }
}
