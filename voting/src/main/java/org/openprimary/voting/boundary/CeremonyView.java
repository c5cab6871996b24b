package org.openprimary.voting.boundary;

import java.util.List;

/**
 * Where a gathering of trustees' shares stands: its purpose ({@code REHEARSAL} or {@code COUNT}),
 * the threshold, the positions brought so far, and its status ({@code GATHERING},
 * {@code REHEARSAL_PASSED}, {@code COUNTING}, {@code NONE}).
 */
public record CeremonyView(String electionId, String purpose, int threshold, List<Integer> broughtBy, String status) {
}
