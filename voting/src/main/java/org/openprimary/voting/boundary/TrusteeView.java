package org.openprimary.voting.boundary;

import java.time.Instant;
import org.openprimary.voting.entity.Trustee;

/** A trustee of an election: their position (their share's number), account, and progress. */
public record TrusteeView(int position, String username, Instant passphraseChosenAt, Instant shareIssuedAt,
        Instant shareDownloadedAt) {

    static TrusteeView of(Trustee t) {
        return new TrusteeView(t.position(), t.username(), t.enrolledAt().orElse(null), t.shareIssuedAt().orElse(null),
                t.shareCollectedAt().orElse(null));
    }
}
