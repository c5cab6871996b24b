package org.openprimary.registration.boundary;

import java.time.Instant;
import java.util.List;

/**
 * A registrant as the console's roll search shows them: masked personal data only (as the hotline
 * sees them, SupportCase), the id a strike-off needs, the help code, and where they stand:
 * {@code ON_ROLL}; {@code PENDING} with the factors the election requires that they have not
 * verified yet; {@code STRUCK_OFF} with the reason code and when. {@code imported}: a member of an
 * imported list.
 */
public record RollEntry(String registrantId, String helpCode, String name, String phone, String email, String status,
        List<String> missingFactors, String struckOffReason, Instant struckOffAt, Instant registeredAt,
        Instant onRollAt, boolean imported) {
}
