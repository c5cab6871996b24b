package org.openprimary.voting.boundary;

import java.time.Instant;
import org.openprimary.registration.boundary.CarryOverProgress;

/**
 * A second round's roll as the console follows its carry-over from the first round: its status
 * ({@code NOT_STARTED} until its registration opens, {@code RUNNING}, {@code STALLED} when the last
 * batch failed and waits to be taken up again, {@code DONE}), the first round's voters to carry
 * ({@code total}), how many were carried and left out ({@code notCarried}: they asked for erasure
 * after the first round's seal) so far, when it finished, and why it stopped if it did.
 */
public record CarryOverView(String electionId, String firstRoundId, String status, long total, long carried,
        long notCarried, Instant doneAt, String stalled) {

    static CarryOverView notStarted(String electionId, String firstRoundId) {
        return new CarryOverView(electionId, firstRoundId, "NOT_STARTED", 0, 0, 0, null, null);
    }

    static CarryOverView of(String electionId, CarryOverProgress progress) {
        String status = progress.done() ? "DONE" : progress.stalled().isPresent() ? "STALLED" : "RUNNING";
        return new CarryOverView(electionId, progress.firstRound().toString(), status, progress.total(),
                progress.carried(), progress.notCarried(), progress.doneAt().orElse(null),
                progress.stalled().orElse(null));
    }

    /** Whether the whole roll is carried over (nothing left to wait for). */
    public boolean done() {
        return "DONE".equals(status);
    }
}
