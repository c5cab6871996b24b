package org.openprimary.voting.boundary;

import java.time.Instant;

/**
 * A strike-off: {@code STRUCK_OFF} at once (before the seal proposal, by an organizer), or
 * {@code PROPOSED} then {@code CONFIRMED} or {@code REFUSED} by a bailiff (once the roll is frozen).
 */
public record StrikeOffView(String id, String electionId, String registrantId, String reason, String status,
        String proposedBy, Instant proposedAt, String decidedBy, Instant decidedAt) {
}
