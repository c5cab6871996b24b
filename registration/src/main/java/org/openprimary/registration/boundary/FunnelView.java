package org.openprimary.registration.boundary;

import java.util.List;
import java.util.Map;
import org.openprimary.notifications.boundary.DeliverabilityView;

/**
 * An election's registration funnel, counted from its roll ledger (so a withdrawn registrant still
 * counts as started): registrations {@code started} (self-registered and imported), {@code verified}
 * per factor ({@code PHONE}, {@code EMAIL}, {@code CARD}), {@code reachedRoll} (entries on the roll)
 * and {@code onRoll} (the roll's size now), {@code withdrawn}, registrations {@code refused} per reason
 * code, registrants {@code struckOff} per reason code and {@code reinstated}; and {@code delivery},
 * the deliverability per email domain and phone country over the last {@code delivery.windowHours}
 * (every message the platform sent in that window: notifications knows no election); {@code fees},
 * the participation fees paid, to refund and collected, from the ledger too. Counts only: never a
 * name, a number or an address.
 */
public record FunnelView(String electionId, String electionTitle, boolean registrationOpen, long started,
        Map<String, Long> verified, long reachedRoll, long onRoll, long withdrawn, List<Reason> refused,
        List<Reason> struckOff, long reinstated, DeliverabilityView delivery, FeeTotals fees) {

    /** How many for one reason code. */
    public record Reason(String reason, long count) {
    }

    /**
     * What "resend to failed only" did: registrants {@code checked} (email not yet verified),
     * {@code failed} (their last email link was not delivered), {@code resent} (a new link queued),
     * {@code atLimit} (failed, but already sent the most links a registrant may get: not resent).
     */
    public record Resent(long checked, long failed, long resent, long atLimit) {
    }
}
