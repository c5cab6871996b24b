package org.openprimary.notifications.control;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Twilio reports of an SMS after accepting it (its status callbacks), recorded on the outbox
 * row whose {@code provider_id} is the callback's {@code MessageSid}: {@code delivery} (queued,
 * sending, sent, delivered, undelivered, failed), {@code delivery_at}, and Twilio's error code for
 * undelivered and failed.
 *
 * <p>Callbacks may arrive twice or out of order (Twilio posts each state change separately, over
 * separate connections). A state only ever replaces an earlier one ({@code queued < sending < sent <
 * delivered | undelivered | failed}): the check is in the {@code UPDATE}'s {@code WHERE}, so two
 * callbacks racing for the same row are serialized by its row lock and the later one re-checks the
 * state the first left. The first final state wins; the same callback twice changes nothing.
 */
@Stateless
public class DeliveryReports {

    /** What a recorded report did. */
    public enum Outcome {
        /** The message's delivery moved on. */
        RECORDED,
        /** The message already stood at this state or a later one (a duplicate, or out of order). */
        ALREADY_KNOWN,
        /** No SMS of ours has this id. */
        UNKNOWN_MESSAGE,
        /**
         * No SMS of ours had this id, but the report named one of ours whose hand-over was not
         * recorded: it is now sent, with this id, and will not be sent again.
         */
        ADOPTED,
        /** A state that says nothing of delivery (inbound messages, WhatsApp's {@code read} ...). */
        IGNORED
    }

    /** Twilio's message statuses we record, and the rank that orders them; final ones share the top rank. */
    static final Map<String, Integer> RANKS = Map.of(
            "accepted", 1, "scheduled", 1, "queued", 1,
            "sending", 2,
            "sent", 3,
            "delivered", 4, "undelivered", 4, "failed", 4);
    static final int FINAL = 4;

    private static final Pattern MESSAGE_SID = Pattern.compile("(SM|MM)[0-9a-fA-F]{32}");
    private static final Pattern ERROR_CODE = Pattern.compile("[0-9]{1,12}");

    /**
     * Records a state ({@code ?1} delivery, {@code ?2} when, {@code ?3} the error code or null,
     * {@code ?4} the MessageSid, {@code ?5} the new state's rank) unless the row already stands at
     * that rank or beyond.
     */
    static final String RECORD = "UPDATE notifications.outbox SET delivery = ?1, delivery_at = ?2, delivery_error = CAST(?3 AS varchar)"
            + " WHERE provider_id = ?4 AND provider = 'twilio' AND channel = 'SMS'"
            + " AND (CASE delivery WHEN 'queued' THEN 1 WHEN 'sending' THEN 2 WHEN 'sent' THEN 3"
            + "   WHEN 'delivered' THEN 4 WHEN 'undelivered' THEN 4 WHEN 'failed' THEN 4 ELSE 0 END) < ?5";

    /** Whether an SMS of ours has this id ({@code ?1}). */
    static final String KNOWN = "SELECT count(*) FROM notifications.outbox"
            + " WHERE provider_id = ?1 AND provider = 'twilio' AND channel = 'SMS'";

    @PersistenceContext(unitName = "notifications")
    EntityManager em;

    /**
     * A status callback's fields, checked: the message's id, the state as stored (Twilio's
     * {@code accepted} and {@code scheduled} are stored as {@code queued}), the error code for a
     * message that did not arrive.
     */
    public record StatusReport(String messageSid, String status, Optional<String> errorCode) {

        /**
         * Reads Twilio's form fields ({@code MessageSid}, {@code MessageStatus}, {@code ErrorCode});
         * a malformed one is refused naming the field. An unknown status is empty: nothing to record.
         */
        public static Optional<StatusReport> of(Map<String, String> form) {
            String sid = form.get("MessageSid");
            if (sid == null || !MESSAGE_SID.matcher(sid.strip()).matches()) {
                throw new IllegalArgumentException("MessageSid");
            }
            String raw = form.get("MessageStatus");
            if (raw == null || raw.isBlank()) {
                throw new IllegalArgumentException("MessageStatus");
            }
            String status = raw.strip().toLowerCase(Locale.ROOT);
            if (!RANKS.containsKey(status)) {
                return Optional.empty();
            }
            String stored = RANKS.get(status) == 1 ? "queued" : status;
            String error = form.get("ErrorCode");
            Optional<String> code = Optional.ofNullable(error).map(String::strip)
                    .filter(e -> ERROR_CODE.matcher(e).matches())
                    .filter(e -> stored.equals("undelivered") || stored.equals("failed"));
            return Optional.of(new StatusReport(sid.strip(), stored, code));
        }

        int rank() {
            return RANKS.get(status);
        }
    }

    /** The most recipients {@link #lastFailed} takes at once. */
    public static final int MAX_RECIPIENTS = 1000;

    /**
     * Of these recipients, those whose newest message of {@code template} failed: given up or refused
     * for good ({@code DEAD}), or accepted and then reported {@code undelivered} or {@code failed} by
     * the provider. One query through {@code outbox_recipient_idx}; at most {@link #MAX_RECIPIENTS}.
     */
    @SuppressWarnings("unchecked")
    public java.util.Set<String> lastFailed(String template, java.util.Collection<String> recipients) {
        if (recipients.isEmpty()) {
            return java.util.Set.of();
        }
        if (recipients.size() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("at most " + MAX_RECIPIENTS + " recipients at once");
        }
        java.util.List<String> asked = java.util.List.copyOf(recipients);
        jakarta.persistence.Query query = em.createNativeQuery(lastFailedQuery(asked.size())).setParameter(1, template);
        for (int i = 0; i < asked.size(); i++) {
            query.setParameter(i + 2, asked.get(i));
        }
        return new java.util.HashSet<>(query.getResultList());
    }

    /**
     * Where the newest message of {@code template} to one recipient stands, in four words:
     * {@code waiting} (not handed over yet, or to be retried), {@code sent} (handed to the provider,
     * no report of its delivery yet), {@code delivered}, {@code failed} (given up, refused, or
     * reported undelivered); empty when there is none. One row through {@code outbox_recipient_idx}.
     */
    @SuppressWarnings("unchecked")
    public java.util.Optional<String> lastState(String template, String recipient) {
        java.util.List<Object[]> rows = em.createNativeQuery("SELECT status, delivery FROM notifications.outbox"
                        + " WHERE template = ?1 AND recipient = ?2 ORDER BY id DESC LIMIT 1")
                .setParameter(1, template).setParameter(2, recipient).getResultList();
        return rows.stream().findFirst().map(row -> state((String) row[0], (String) row[1]));
    }

    static String state(String status, String delivery) {
        if ("delivered".equals(delivery)) {
            return "delivered";
        }
        if ("undelivered".equals(delivery) || "failed".equals(delivery)) {
            return "failed";
        }
        return switch (status.strip()) {
            case "PENDING", "SENDING" -> "waiting";
            case "SENT" -> "sent";
            default -> "failed"; // dead, or not sent at all (skipped, cancelled, withdrawn)
        };
    }

    /**
     * The newest message of a template ({@code ?1}) to each of {@code recipients} recipients ({@code ?2}
     * ...), kept when it failed: dead, or reported undelivered or failed.
     */
    static String lastFailedQuery(int recipients) {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < recipients; i++) {
            in.append(i == 0 ? "" : ", ").append('?').append(i + 2);
        }
        return "SELECT recipient FROM (SELECT DISTINCT ON (recipient) recipient, status, delivery"
                + " FROM notifications.outbox WHERE template = ?1 AND recipient IN (" + in + ")"
                + " ORDER BY recipient, id DESC) newest WHERE status = 'DEAD' OR delivery IN ('undelivered', 'failed')";
    }

    /**
     * A report naming our message ({@code ?5}) that no hand-over was recorded for: Twilio accepted it
     * ({@code ?1} its SID), so it is sent, whatever our record said (still being handed over by an
     * instance that died, or waiting to be tried again after an answer that never came).
     */
    static final String ADOPT = "UPDATE notifications.outbox SET status = 'SENT', provider = 'twilio', provider_id = ?1,"
            + " sent_at = COALESCE(sent_at, ?2), claimed_until = NULL, next_attempt_at = NULL, last_error = NULL,"
            + " delivery = ?3, delivery_at = ?2, delivery_error = CAST(?4 AS varchar)"
            + " WHERE message_id = ?5 AND channel = 'SMS' AND provider_id IS NULL AND status IN ('SENDING', 'PENDING', 'DEAD')";

    /** Records the report on its message, if it moves the message's delivery on. */
    public Outcome record(StatusReport report, Instant at) {
        return record(report, at, Optional.empty());
    }

    /**
     * Records the report on its message, if it moves the message's delivery on; when no message has
     * its SID yet and the report names one of ours ({@code message}), that message is recorded as
     * handed over, with the SID.
     */
    public Outcome record(StatusReport report, Instant at, Optional<java.util.UUID> message) {
        int updated = em.createNativeQuery(RECORD)
                .setParameter(1, report.status())
                .setParameter(2, Timestamp.from(at))
                .setParameter(3, report.errorCode().orElse(null))
                .setParameter(4, report.messageSid())
                .setParameter(5, report.rank())
                .executeUpdate();
        if (updated > 0) {
            return Outcome.RECORDED;
        }
        Number known = (Number) em.createNativeQuery(KNOWN).setParameter(1, report.messageSid()).getSingleResult();
        if (known.longValue() > 0) {
            return Outcome.ALREADY_KNOWN;
        }
        if (message.isPresent() && em.createNativeQuery(ADOPT)
                .setParameter(1, report.messageSid())
                .setParameter(2, Timestamp.from(at))
                .setParameter(3, report.status())
                .setParameter(4, report.errorCode().orElse(null))
                .setParameter(5, message.get().toString())
                .executeUpdate() > 0) {
            return Outcome.ADOPTED;
        }
        return Outcome.UNKNOWN_MESSAGE;
    }
}
