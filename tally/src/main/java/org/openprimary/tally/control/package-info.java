/**
 * Majority judgment and everything computed from counts: the ranking, counting plain ballots, the
 * JSON, CSV and SVG exports. Plain Java: no platform import, so the tally runs anywhere.
 */
package org.openprimary.tally.control;
