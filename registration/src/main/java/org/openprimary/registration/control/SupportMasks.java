package org.openprimary.registration.control;

/**
 * What a hotline volunteer may see of a registrant's identity: the first name and the last name's
 * initial ({@code Camille D.}); a French mobile number's first digit and last two
 * ({@code +33 6•• •• •• 78}), another number's first three digits and last two; an address's first
 * character and domain ({@code c•••@example.org}).
 */
public final class SupportMasks {

    static final String DOT = "•";

    private SupportMasks() {
    }

    public static String name(String firstName, String lastName) {
        return firstName + (lastName == null || lastName.isBlank() ? ""
                : " " + new String(Character.toChars(lastName.strip().codePointAt(0))) + ".");
    }

    public static String phone(String e164) {
        String digits = e164 == null ? "" : e164.replaceAll("[^0-9]", "");
        if (digits.length() < 6) {
            return DOT.repeat(3);
        }
        if (digits.startsWith("33") && digits.length() == 11) {
            return "+33 " + digits.charAt(2) + DOT.repeat(2) + " " + DOT.repeat(2) + " " + DOT.repeat(2) + " "
                    + digits.substring(9);
        }
        return "+" + digits.substring(0, 3) + DOT.repeat(digits.length() - 5) + digits.substring(digits.length() - 2);
    }

    public static String email(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return DOT.repeat(3);
        }
        return address.charAt(0) + DOT.repeat(3) + address.substring(at);
    }

    /** A phone number or an address, masked. */
    public static String recipient(String recipient) {
        return recipient != null && recipient.indexOf('@') >= 0 ? email(recipient.strip()) : phone(recipient);
    }

    /** A provider's error with the recipient masked wherever it appears. */
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
