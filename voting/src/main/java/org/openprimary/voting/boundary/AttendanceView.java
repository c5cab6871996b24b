package org.openprimary.voting.boundary;

/**
 * Who came to vote, as counts: voters who signed in (asked for a code), of them those who did not
 * vote, and voters marked as having voted.
 */
public record AttendanceView(String electionId, String state, long signedIn, long signedInWithoutVoting, long voted) {
}
