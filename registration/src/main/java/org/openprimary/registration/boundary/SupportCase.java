package org.openprimary.registration.boundary;

import java.time.Instant;
import java.util.List;

/**
 * A registration as a hotline volunteer sees it, found by the help code the citizen read out:
 * masked personal data only ({@code Camille D.}, {@code +33 6•• •• •• 78}, {@code c•••@example.org}),
 * where each factor stands, whether the registrant is on the roll, the delivery of the messages
 * sent to them (never their content: no code, no link), the phone codes sent when the demo's
 * stand-in keeps them ({@code null} with Twilio Verify, which keeps its own), the call notes, and
 * for a registrant struck off the roll the reason code ({@code null} otherwise).
 */
public record SupportCase(String helpCode, String registrantId, String electionId, String electionTitle,
        String name, String phone, String email, String language, String status, boolean onRoll,
        boolean registrationOpen, Instant registeredAt, Instant onRollAt, List<FactorState> factors,
        List<MessageState> messages, List<PhoneCodeSend> phoneCodes, List<CallNoteView> notes,
        String struckOffReason) {

    /** One factor: whether the election requires it, whether it is verified, and when. */
    public record FactorState(String factor, boolean required, boolean verified, Instant verifiedAt) {
    }

    /**
     * One message to the registrant's phone or address and its delivery: {@code PENDING},
     * {@code SENDING}, {@code SENT}, {@code DEAD} (failed for good), {@code SKIPPED} (unsubscribed)
     * or {@code CANCELLED}, with the provider's delivery report when there is one.
     */
    public record MessageState(String channel, String to, String template, String status, int attempts,
            Instant createdAt, Instant sentAt, String delivery, String lastError) {
    }

    /** A phone code the stand-in sent: when and how, never the code. */
    public record PhoneCodeSend(String channel, Instant sentAt) {
    }

    /** A volunteer's note of a call. */
    public record CallNoteView(long id, String operator, String text, Instant createdAt) {
    }
}
