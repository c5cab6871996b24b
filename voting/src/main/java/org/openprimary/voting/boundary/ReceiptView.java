package org.openprimary.voting.boundary;

/**
 * A ballot's receipt (the SHA-256 of the encrypted ballot) and where it stands: {@code ACCEPTED}
 * (in the box, waiting for the next checkpoint to chain it) or {@code IN_BOX} at a position.
 */
public record ReceiptView(String electionId, String receipt, String status, Long position) {
}
