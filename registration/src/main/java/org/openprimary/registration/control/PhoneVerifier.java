package org.openprimary.registration.control;

/**
 * Sends a one-time code to a phone and checks it. Implementations: Twilio Verify (production) and
 * the console stand-in (demo). Limits (sends and checks per number) are the implementation's;
 * reaching one throws {@link org.openprimary.common.TooManyRequestsException}.
 */
public interface PhoneVerifier {

    /** The way a code reaches the phone. */
    enum Channel {
        SMS("sms"),
        CALL("call");

        private final String wire;

        Channel(String wire) {
            this.wire = wire;
        }

        /** The name providers use ({@code sms}, {@code call}). */
        public String wire() {
            return wire;
        }
    }

    /**
     * The channel that reaches the number: the one asked for, except that a landline (accepted by
     * elections that open the path for citizens without a mobile) gets every code by voice call.
     */
    static Channel reaching(String e164, Channel asked) {
        return org.openprimary.registration.entity.PhoneNumber.isLandline(e164) ? Channel.CALL : asked;
    }

    /** Sends a fresh code to {@code e164} by {@code channel}, in the registrant's language. */
    void send(String e164, Channel channel, String language);

    /** Whether {@code code} is the current code for {@code e164}; a right code cannot be used twice. */
    boolean check(String e164, String code);
}
