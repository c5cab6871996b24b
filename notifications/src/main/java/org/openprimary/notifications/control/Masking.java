package org.openprimary.notifications.control;

/**
 * What the logs and the stored errors may say of a recipient: never a whole phone number or email
 * address. A French number keeps its country code, its first digit and its last two
 * ({@code +33 6** ** ** 12}); another number its first three digits and its last two; an address
 * its first character and its domain ({@code e***@example.org}), so deliverability per domain stays
 * readable.
 */
public final class Masking {

    private Masking() {
    }

    /** The masked form of an E.164 number or an email address; {@code ***} for anything else. */
    public static String recipient(String recipient) {
        if (recipient == null || recipient.isBlank()) {
            return "***";
        }
        String value = recipient.strip();
        return value.indexOf('@') >= 0 ? email(value) : phone(value);
    }

    static String phone(String e164) {
        String digits = e164.replaceAll("[^0-9]", "");
        if (digits.length() < 6) {
            return "***";
        }
        if (digits.startsWith("33") && digits.length() == 11) {
            return "+33 " + digits.charAt(2) + "** ** ** " + digits.substring(9);
        }
        return "+" + digits.substring(0, 3) + "*".repeat(digits.length() - 5) + digits.substring(digits.length() - 2);
    }

    static String email(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }

    /**
     * A provider's error text with the recipient masked wherever it appears (mail servers quote the
     * address they refuse).
     */
    public static String text(String text, String recipient) {
        if (text == null || recipient == null || recipient.isBlank()) {
            return text;
        }
        String masked = text;
        for (String form : new String[] {recipient.strip(), recipient.strip().toLowerCase(java.util.Locale.ROOT)}) {
            masked = masked.replace(form, recipient(form));
        }
        return masked;
    }
}
