package org.openprimary.registration.boundary;

import java.time.Instant;

/** An election's counts as its ledger recorded them at a moment: every figure comes from the ledger. */
public record RollCounts(String electionId, Instant at, long registrants, long onRoll, long ledgerEntries,
        String ledgerHead) {
}
