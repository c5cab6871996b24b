package org.openprimary.voting.boundary;

import java.util.List;

/**
 * An organizer's request for a new draft election. {@code grades} lists the scale from the worst
 * to the best grade; when absent, the default five grades are used.
 */
public record DraftElection(String title, List<String> candidates, List<String> grades) {
}
