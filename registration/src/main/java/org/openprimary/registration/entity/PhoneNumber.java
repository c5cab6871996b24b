package org.openprimary.registration.entity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.List;
import org.openprimary.common.InvalidInputException;

/**
 * A mobile phone number in E.164 form, from one of the countries an election allows. Numbers are
 * read as French when written without a country code. An election may also accept landlines
 * (fixed lines, and the 09 "box" lines libphonenumber calls VoIP) for citizens without a mobile:
 * their codes come by voice call only.
 */
public record PhoneNumber(String e164, String region) {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String DEFAULT_REGION = "FR";

    /**
     * @throws InvalidInputException naming {@code field}: not a number, not a mobile, or a country
     *     the election does not allow
     */
    public static PhoneNumber parse(String raw, List<String> allowedRegions, String field) {
        return parse(raw, allowedRegions, field, false);
    }

    /**
     * Like {@link #parse(String, List, String)}, accepting a landline as well when {@code landlines}.
     *
     * @throws InvalidInputException naming {@code field}: not a number, neither a mobile nor (when
     *     accepted) a landline, or a country the election does not allow
     */
    public static PhoneNumber parse(String raw, List<String> allowedRegions, String field, boolean landlines) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException(field, landlines ? "a mobile or landline phone number is required"
                    : "a mobile phone number is required");
        }
        Phonenumber.PhoneNumber number;
        try {
            number = UTIL.parse(raw, DEFAULT_REGION);
        } catch (NumberParseException e) {
            throw new InvalidInputException(field, "this is not a phone number");
        }
        if (!UTIL.isValidNumber(number)) {
            throw new InvalidInputException(field, "this is not a valid phone number");
        }
        String region = UTIL.getRegionCodeForNumber(number);
        if (region == null || !allowedRegions.contains(region)) {
            throw new InvalidInputException(field, "numbers from this country cannot register for this election");
        }
        PhoneNumberType type = UTIL.getNumberType(number);
        boolean mobile = type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE;
        if (!mobile && !(landlines && isLandlineType(type))) {
            throw new InvalidInputException(field, landlines
                    ? "a mobile or landline phone number is required, to receive a code by SMS or by voice call"
                    : isLandlineType(type)
                    ? "a mobile phone number is required, to receive a code by SMS: this is a landline, which this"
                            + " election does not accept"
                    : "a mobile phone number is required, to receive a code by SMS");
        }
        return new PhoneNumber(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), region);
    }

    /** Whether this number is a landline: its codes can only be spoken by a voice call. */
    public boolean isLandline() {
        return isLandline(e164);
    }

    /** Whether the E.164 number is a landline (fixed or VoIP), which cannot receive an SMS. */
    public static boolean isLandline(String e164) {
        try {
            return isLandlineType(UTIL.getNumberType(UTIL.parse(e164, DEFAULT_REGION)));
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static boolean isLandlineType(PhoneNumberType type) {
        return type == PhoneNumberType.FIXED_LINE || type == PhoneNumberType.VOIP;
    }

    /** For logs and screens: the country code and the last two digits only. */
    public String masked() {
        return mask(e164);
    }

    public static String mask(String e164) {
        if (e164 == null || e164.length() < 6) {
            return "***";
        }
        return e164.substring(0, 3) + "*".repeat(e164.length() - 5) + e164.substring(e164.length() - 2);
    }
}
