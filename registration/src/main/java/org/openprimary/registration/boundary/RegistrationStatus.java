package org.openprimary.registration.boundary;

import java.util.List;
import org.openprimary.registration.entity.Registrant;
import org.openprimary.registration.entity.RegistrationWindow;

/**
 * Where a registration stands, as the registrant sees it. {@code resumeToken} is given once, when
 * registering: it authorizes the next steps and is never shown again. {@code helpCode} is what the
 * citizen reads out to the hotline ({@code K3F9-7QXM-4}; docs/support.md). {@code phoneByCall}: the
 * phone is a landline (accepted by the election for citizens without a mobile), so its codes come by
 * voice call. {@code phoneCode}, on registering only: {@code SENT}, or {@code NOT_SENT} when the
 * provider could not send the first code (down, slow, limited): the registration is recorded all the
 * same and the citizen asks for the code again later with the resume token (drill 4, docs/security.md).
 * {@code erasureRequestedAt}: when the registrant asked, after the seal, for their data to be erased
 * (they stay on the sealed roll; the purge erases them after the result); absent otherwise.
 * {@code feeCents} and {@code feeCurrency}: the election's participation fee (0: none), which the
 * registrant pays, besides the factors, to be on the roll; {@code feePaid} whether they did.
 * {@code cardSetup}, on registering only, when the election requires the card: the card step's setup,
 * started with the registration so the page needs no request of its own for it (absent when it could
 * not be started now: the card step then starts one, {@code POST /api/registrants/{id}/card/setup}).
 */
public record RegistrationStatus(String id, String electionId, String status, List<String> requiredFactors,
        List<String> verifiedFactors, String resumeToken, String helpCode, boolean phoneByCall, String phoneCode,
        java.time.Instant erasureRequestedAt, long feeCents, String feeCurrency, boolean feePaid,
        CardSetupView cardSetup) {

    /** This status, telling whether the first phone code went. */
    RegistrationStatus withPhoneCode(boolean sent) {
        return new RegistrationStatus(id, electionId, status, requiredFactors, verifiedFactors, resumeToken, helpCode,
                phoneByCall, sent ? "SENT" : "NOT_SENT", erasureRequestedAt, feeCents, feeCurrency, feePaid, cardSetup);
    }

    /** This status, with the card setup started along with the registration. */
    RegistrationStatus withCardSetup(CardSetupView setup) {
        return new RegistrationStatus(id, electionId, status, requiredFactors, verifiedFactors, resumeToken, helpCode,
                phoneByCall, phoneCode, erasureRequestedAt, feeCents, feeCurrency, feePaid, setup);
    }

    static RegistrationStatus of(Registrant registrant, RegistrationWindow window, String resumeToken) {
        return new RegistrationStatus(registrant.id().toString(), registrant.electionId().toString(),
                registrant.status().name(),
                window.requiredFactors().stream().map(Enum::name).sorted().toList(),
                registrant.verifiedFactors().stream().map(Enum::name).sorted().toList(),
                resumeToken, registrant.helpCode().map(org.openprimary.registration.entity.HelpCode::display).orElse(null),
                registrant.phone().map(org.openprimary.registration.entity.PhoneNumber::isLandline).orElse(false), null,
                registrant.erasureRequestedAt().orElse(null), window.feeCents(), window.feeCurrency(),
                registrant.feePaidAt().isPresent(), null);
    }
}
