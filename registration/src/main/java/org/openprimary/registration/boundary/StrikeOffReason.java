package org.openprimary.registration.boundary;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openprimary.common.InvalidInputException;

/**
 * Why a registrant was struck off the roll: a code, so the public ledger says why without a word
 * about the person, and the citizen reads it in their language.
 */
public enum StrikeOffReason {
    /** The same person is on the roll twice (under other identifiers). */
    DUPLICATE_PERSON,
    /** Not eligible under the election's rules (age, membership, residence). */
    NOT_ELIGIBLE,
    /** The identity given is not the person's own. */
    IDENTITY_FRAUD,
    /** The person asked for it and could not withdraw themselves. */
    AT_OWN_REQUEST,
    /** A court or the election's authority decided it. */
    DECISION_OF_AUTHORITY;

    public static StrikeOffReason parse(String field, String value) {
        try {
            return valueOf(String.valueOf(value).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "a reason is one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
