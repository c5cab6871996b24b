package org.openprimary.voting.boundary;

import java.time.Instant;

/**
 * One version of a published result: its number (1 is the first publication), why it was made,
 * when, and the result as tally wrote it ({@code openprimary-tally-result/1}).
 */
public record ResultVersionView(int version, String reason, Instant publishedAt, String result) {
}
