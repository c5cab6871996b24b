package org.openprimary.voting.boundary;

import java.time.Instant;

/**
 * The count of an election as the console follows it: the election's state, and on this instance
 * the count's status ({@code NOT_STARTED}, {@code RUNNING}, {@code DONE}, {@code FAILED}), ballots
 * decrypted of the total, and why it stopped if it did.
 */
public record CountView(String electionId, String state, String status, long decrypted, long total,
        Instant startedAt, Instant endedAt, String error) {
}
