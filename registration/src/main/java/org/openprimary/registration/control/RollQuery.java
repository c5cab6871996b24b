package org.openprimary.registration.control;

import java.util.Locale;
import java.util.regex.Pattern;
import org.openprimary.common.InvalidInputException;
import org.openprimary.registration.entity.HelpCode;

/**
 * What the console's roll search was given, read as one of four kinds: a help code
 * ({@code K3F9-7QXM-4}, read leniently as the hotline does), the last digits of a phone number
 * (4 at least; the last 9 are compared, so {@code 06 12 34 56 78} and {@code +33 6 12 34 56 78}
 * both find {@code +33612345678}), the beginning of an email address (with its {@code @}, or
 * without it once it has a dot, an underscore, a plus or a digit: {@code camille.d}), or the beginning of a last name, optionally after a first name's
 * beginning ({@code Dur}, {@code Camille Dur}, {@code Dur Camille}); or the registrant's id, as a
 * strike-off proposal names them. Each kind is a prefix that an
 * index of the registrant table answers (V10__roll_search.sql); anything else is refused on
 * {@code q} with the reason.
 */
public record RollQuery(Kind kind, String value, String second) {

    /** How the registrant is looked for. */
    public enum Kind {
        HELP_CODE, PHONE, EMAIL, NAME,
        /** The registrant's id, as a strike-off or an appeal names them. */
        ID
    }

    public static final String FIELD = "q";
    public static final int MAX_LENGTH = 100;
    public static final int MIN_PHONE_DIGITS = 4;
    public static final int PHONE_DIGITS_COMPARED = 9;
    public static final int MIN_EMAIL = 3;
    public static final int MIN_NAME = 2;

    private static final Pattern ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PHONE = Pattern.compile("[0-9 +().\\-]+");
    private static final Pattern GROUPED_CODE = Pattern.compile("[0-9A-Za-z]{4}[- ][0-9A-Za-z]{4}[- ][0-9A-Za-z]");
    private static final Pattern COMPACT_CODE = Pattern.compile("[0-9A-Za-z]{9}");
    /** No space, and a character names do not have (., _, +) or letters and digits together: an address's start. */
    private static final Pattern EMAIL_START = Pattern.compile("(?=\\S*([._+]|\\p{L}\\S*\\d|\\d\\S*\\p{L}))[^\\s@]+");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}' ’.\\-]+");
    private static final String HOW = "search by the help code, the phone's last digits (4 at least), the beginning"
            + " of the email address, or the beginning of the last name (" + MIN_NAME + " letters at least,"
            + " after the first name if you like)";

    /** Reads a query, or refuses it on {@code q}, saying why. */
    public static RollQuery parse(String q) {
        String given = q == null ? "" : q.strip();
        if (given.isEmpty()) {
            throw new InvalidInputException(FIELD, HOW);
        }
        if (given.length() > MAX_LENGTH) {
            throw new InvalidInputException(FIELD, "a search has at most " + MAX_LENGTH + " characters");
        }
        if (given.indexOf('@') >= 0) {
            return email(given);
        }
        if (ID.matcher(given).matches()) {
            return new RollQuery(Kind.ID, given.toLowerCase(Locale.ROOT), null);
        }
        if (PHONE.matcher(given).matches()) {
            String digits = given.replaceAll("[^0-9]", "");
            if (digits.length() < MIN_PHONE_DIGITS) {
                throw new InvalidInputException(FIELD, "type at least the last " + MIN_PHONE_DIGITS
                        + " digits of the phone number");
            }
            String last = digits.substring(Math.max(0, digits.length() - PHONE_DIGITS_COMPARED));
            return new RollQuery(Kind.PHONE, last, null);
        }
        if (GROUPED_CODE.matcher(given).matches()) {
            // grouped as the status page shows it: a help code, and a misheard one is said so
            return new RollQuery(Kind.HELP_CODE, HelpCode.parse(given, FIELD).value(), null);
        }
        if (COMPACT_CODE.matcher(given).matches()) {
            // nine characters typed together: a help code if its check character says so, else an address or a name
            try {
                return new RollQuery(Kind.HELP_CODE, HelpCode.parse(given, FIELD).value(), null);
            } catch (InvalidInputException notACode) {
                // not a code
            }
        }
        if (EMAIL_START.matcher(given).matches()) {
            return email(given);
        }
        if (!NAME.matcher(given).matches()) {
            throw new InvalidInputException(FIELD, HOW);
        }
        String[] words = given.toLowerCase(Locale.ROOT).replace('’', '\'').split("\\s+", 2);
        if (words[0].length() < MIN_NAME) {
            throw new InvalidInputException(FIELD, "type at least " + MIN_NAME + " letters of the last name");
        }
        return new RollQuery(Kind.NAME, words[0], words.length > 1 ? words[1].strip() : null);
    }

    private static RollQuery email(String given) {
        String lower = given.toLowerCase(Locale.ROOT);
        if (lower.startsWith("@")) {
            throw new InvalidInputException(FIELD, "type the beginning of the address, before the @");
        }
        if (lower.length() < MIN_EMAIL || lower.chars().anyMatch(Character::isWhitespace)
                || lower.indexOf('@') != lower.lastIndexOf('@')) {
            throw new InvalidInputException(FIELD, "type the beginning of one email address, " + MIN_EMAIL
                    + " characters at least, without spaces");
        }
        return new RollQuery(Kind.EMAIL, lower, null);
    }

    /** A LIKE pattern matching what starts with this text: its %, _ and \ taken literally. */
    public static String prefix(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
