package org.openprimary.voting.boundary;

import java.time.Instant;
import org.openprimary.voting.entity.Election;

/**
 * An election's seal: the document it covers, its SHA-256 fingerprint, who proposed and who
 * confirmed it. The public version leaves the accounts out.
 */
public record SealView(String electionId, String state, String fingerprint, String document, String proposedBy,
        Instant proposedAt, String sealedBy, Instant sealedAt) {

    static SealView of(Election e) {
        return new SealView(e.id().toString(), e.state().name(), e.sealFingerprint().orElse(null),
                e.sealDocument().orElse(null), e.sealProposedBy().orElse(null), e.sealProposedAt().orElse(null),
                e.sealedBy().orElse(null), e.sealedAt().orElse(null));
    }

    SealView withoutAccounts() {
        return new SealView(electionId, state, fingerprint, document, null, proposedAt, null, sealedAt);
    }
}
