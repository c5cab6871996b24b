package org.openprimary.registration.boundary;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a second round's carry-over stands: the first round whose roll it copies, how many of its
 * voters there are to carry (counted when the second round's registration opened), how many were
 * carried and left out ({@code NOT_CARRIED_OVER}) so far, when it finished (empty while it runs),
 * and why its last batch stopped, if it did (empty again once a batch commits).
 */
public record CarryOverProgress(UUID firstRound, long total, long carried, long notCarried, Optional<Instant> doneAt,
        Optional<String> stalled) {

    public boolean done() {
        return doneAt.isPresent();
    }

    /** The registrants handled so far, carried or left out. */
    public long handled() {
        return carried + notCarried;
    }
}
