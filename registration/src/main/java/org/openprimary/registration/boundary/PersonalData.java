package org.openprimary.registration.boundary;

import java.time.Instant;
import org.openprimary.registration.entity.Registrant;

/**
 * Everything OpenPrimary keeps about a registrant, as they can download it. Of the card, only
 * whether a keyed hash of its fingerprint is kept: never the card itself. The hotline's notes of
 * their calls are theirs too (the text and when; not the volunteer's account). Of a participation
 * fee, when it was paid and the provider's payment id (what a refund names): nothing of the card.
 */
public record PersonalData(String id, String electionId, String firstName, String lastName, String phone,
        String email, String language, String charterVersionAccepted, String privacyNoticeVersionAccepted,
        Instant registeredAt, Instant phoneVerifiedAt, Instant emailVerifiedAt, Instant cardVerifiedAt,
        boolean cardFingerprintHashKept, String status, Instant onRollAt, String helpCode,
        java.util.List<CallNote> callNotes, Instant erasureRequestedAt, Instant feePaidAt, String feePaymentId) {

    /** A note the hotline made of one of their calls. */
    public record CallNote(String text, Instant at) {
    }

    static PersonalData of(Registrant r, java.util.List<CallNote> notes) {
        return new PersonalData(r.id().toString(), r.electionId().toString(), r.firstName(), r.lastName(),
                r.phone().orElse(null), r.email().orElse(null), r.language(), r.charterVersion(), r.privacyVersion(),
                r.registeredAt(), r.verifiedAt(Factor.PHONE).orElse(null), r.verifiedAt(Factor.EMAIL).orElse(null),
                r.verifiedAt(Factor.CARD).orElse(null), r.hasCardHash(), r.status().name(), r.onRollAt().orElse(null),
                r.helpCode().map(org.openprimary.registration.entity.HelpCode::display).orElse(null),
                java.util.List.copyOf(notes), r.erasureRequestedAt().orElse(null), r.feePaidAt().orElse(null),
                r.feePaidAt().isPresent() ? r.feePaymentId().orElse(null) : null);
    }
}
