package org.openprimary.registration.entity;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.openprimary.common.InvalidInputException;

/**
 * An email address as given, and its normalized form used to refuse the same mailbox twice:
 * lower case; for providers that ignore them (Gmail), dots and "+tags" in the local part removed.
 */
public record EmailAddress(String address, String normalized) {

    public static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final Set<String> DOTS_AND_TAGS_IGNORED = Set.of("gmail.com", "googlemail.com");

    public static EmailAddress parse(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException(field, "an email address is required");
        }
        String address = raw.strip();
        if (address.length() > MAX_LENGTH || !SHAPE.matcher(address).matches()) {
            throw new InvalidInputException(field, "this is not an email address");
        }
        String lower = address.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        String local = lower.substring(0, at);
        String domain = lower.substring(at + 1);
        if (DOTS_AND_TAGS_IGNORED.contains(domain)) {
            int plus = local.indexOf('+');
            local = (plus >= 0 ? local.substring(0, plus) : local).replace(".", "");
            domain = "gmail.com";
        }
        return new EmailAddress(address, local + "@" + domain);
    }

    /** For logs and screens: the first letter and the domain. */
    public String masked() {
        int at = address.lastIndexOf('@');
        return address.charAt(0) + "***" + address.substring(at);
    }
}
