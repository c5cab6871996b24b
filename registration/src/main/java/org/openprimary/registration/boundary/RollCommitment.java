package org.openprimary.registration.boundary;

import java.time.Instant;

/**
 * The frozen roll, as the seal covers it: its size and the head of its ledger (the last entry's
 * number and hash), which commits to every change the roll went through.
 */
public record RollCommitment(String electionId, long rollSize, long ledgerEntries, String ledgerHead, Instant closedAt) {
}
