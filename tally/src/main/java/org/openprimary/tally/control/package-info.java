/**
 * Majority judgment and everything computed from counts: the ranking, counting plain ballots, the
 * JSON, CSV and SVG exports. And the public record (docs/record.md): the ballot box's hash chain
 * and signed checkpoints ({@link org.openprimary.tally.control.BoxChain}), the record's writer
 * ({@link org.openprimary.tally.control.RecordWriter}) and its streaming verifier ({@link
 * org.openprimary.tally.control.RecordVerifier}, its {@link org.openprimary.tally.control.RecordCheck
 * checks} and {@link org.openprimary.tally.control.RecordReport report}). Plain Java: no platform
 * import, so the tally and its verifier run anywhere.
 */
package org.openprimary.tally.control;
