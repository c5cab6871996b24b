package org.openprimary.registration.boundary;

import java.time.Instant;
import java.util.Map;

/**
 * Why an election's counts changed between two moments: the counts at each end, and how many
 * ledger entries of each kind lie between them.
 */
public record RollChanges(String electionId, RollCounts from, RollCounts to, Map<String, Long> entriesByKind) {
}
