package org.openprimary.voting.boundary;

import java.util.List;

/**
 * An organizer's request for a new draft election. {@code grades} lists the scale from the worst
 * to the best grade; when absent, the default five grades are used. The registration rules
 * ({@code requiredFactors}: PHONE, EMAIL, CARD; {@code allowedCountries}: ISO codes;
 * {@code rollMode}: OPEN or IMPORTED) default to phone and email, France and its overseas
 * departments, open registration. {@code description} is what citizens read about the election; {@code votingCode} ({@code sms},
 * the default, or {@code email}) is how voters get the code that confirms their ballot; {@code landlineVoiceCode} ({@code true}) lets citizens without
 * a mobile phone register with a landline, whose code comes by voice call. {@code feeCents} (a whole
 * number of cents, 50 to 10000; absent or 0: none) is the participation fee every registrant pays to
 * be on the roll, in {@code feeCurrency} (ISO 4217, EUR when absent). The fee is a number here, not a
 * {@code long}, so that {@code 1.5} is refused on {@code feeCents} rather than as a body of the wrong shape.
 * <p>The record keeps its canonical constructor only: Yasson, Payara's JSON-B, cannot read a body
 * into a record that declares a second constructor (every draft answered 400 when it had one).
 */
public record DraftElection(String title, List<String> candidates, List<String> grades,
        List<String> requiredFactors, List<String> allowedCountries, String rollMode, String description,
        String votingCode, Boolean landlineVoiceCode, java.math.BigDecimal feeCents, String feeCurrency) {

    /** A draft with the default registration rules. */
    public static DraftElection of(String title, List<String> candidates, List<String> grades) {
        return new DraftElection(title, candidates, grades, null, null, null, null, null, null, null, null);
    }
}
