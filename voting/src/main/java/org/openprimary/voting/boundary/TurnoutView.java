package org.openprimary.voting.boundary;

import java.time.Instant;

/** Live turnout: voters on the roll, ballots in the box, their share of the roll in percent (exact to 0.01). */
public record TurnoutView(String electionId, String state, long rollSize, long ballots, String percent, Instant at) {
}
