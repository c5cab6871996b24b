package org.openprimary.notifications.control;

/** A provider that carries messages of one channel. */
public interface Sender {

    /** The provider's name as the outbox records it: {@code smtp}, {@code console}, ... */
    String name();

    /**
     * Hands the message to the provider. {@code messageId} is the outbox message's own id, the same
     * at every attempt: a provider that can carry it does (an email's Message-ID, so that a copy
     * sent again after a crash is the same message to the recipient's mailbox; the reference in a
     * Twilio status callback's URL, so that the provider's report records a hand-over whose commit
     * was lost, and it is not sent again).
     *
     * @return the provider's id for it (a Message-ID, a message SID)
     * @throws DeliveryException when the provider refused it or could not be reached
     */
    String send(java.util.UUID messageId, String recipient, Templates.Rendered message) throws DeliveryException;

    /** A failed delivery, with the provider's reason; {@code permanent} when a retry cannot help. */
    final class DeliveryException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean permanent;
        private final boolean optedOut;

        public DeliveryException(String reason, boolean permanent, Throwable cause) {
            this(reason, permanent, false, cause);
        }

        private DeliveryException(String reason, boolean permanent, boolean optedOut, Throwable cause) {
            super(reason, cause);
            this.permanent = permanent;
            this.optedOut = optedOut;
        }

        /** The recipient told the provider to send them nothing more (an SMS "STOP"): never retried. */
        public static DeliveryException optedOut(String reason, Throwable cause) {
            return new DeliveryException(reason, true, true, cause);
        }

        public boolean permanent() {
            return permanent;
        }

        public boolean optedOut() {
            return optedOut;
        }
    }
}
