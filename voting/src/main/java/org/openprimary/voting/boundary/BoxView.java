package org.openprimary.voting.boundary;

import java.time.Instant;
import java.util.List;

/**
 * The public face of a ballot box: the election key ballots are encrypted to, the key checkpoints
 * are signed with, the head of the empty box, the number of ballots and the signed checkpoints.
 */
public record BoxView(String electionId, String state, String electionPublicKey, String encryption,
        String signingKey, String genesis, long ballots, List<CheckpointView> checkpoints) {

    /** One signed checkpoint (docs/record.md). */
    public record CheckpointView(long ballots, String head, Instant at, String signature) {
    }
}
