package org.openprimary.registration.boundary;

import java.time.Instant;

/**
 * An appeal against a strike-off. {@code status}: {@code FILED} (waiting for an organizer, who
 * decides by {@code decideBy}), {@code UPHELD} (the strike-off stands), {@code REINSTATEMENT_PROPOSED}
 * (an organizer agreed; the roll is frozen, so a bailiff confirms), {@code REINSTATED}. For the
 * console's queue, the registrant as the hotline sees them: the strike-off's reason code (none once
 * reinstated), the help code and the masked name ({@code Camille D.}).
 */
public record AppealView(String id, String electionId, String registrantId, String text, Instant filedAt,
        Instant decideBy, String status, String decidedBy, Instant decidedAt, String note, String confirmedBy,
        String reason, String helpCode, String name) {
}
