package org.openprimary.voting.boundary;

import java.time.Instant;
import java.util.List;

/**
 * An election's figures over the last hours, for the dashboard's charts: one point per time bucket
 * ({@code stepSeconds} long, the first starting at {@code from}), each read at {@code at} (the
 * bucket's end, or now for the last). Registrations come from the roll's ledger; ballots from the
 * box's signed checkpoints only (the last one made by {@code at}), public figures: the box keeps no
 * time of any ballot. {@code rollSize} is the sealed roll that turnout is a share of (null before
 * the seal); a figure is null before its source began (the ledger, the first checkpoint).
 */
public record TimelineView(String electionId, String state, Instant from, Instant to, long stepSeconds, Long rollSize,
        List<Point> points) {

    /**
     * One bucket: registrations in it; registrants, voters on the roll, ballots at the last checkpoint
     * and their share of the sealed roll in percent (exact to 0.01), as they stood at {@code at}.
     */
    public record Point(Instant at, long registered, Long registrants, Long onRoll, Long ballots, String turnoutPercent) {
    }
}
