package org.openprimary.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A message in the outbox: queued in the transaction of the change that causes it, then delivered
 * by the dispatcher, with its attempts and the provider's answer.
 */
@Entity
@Table(name = "outbox", schema = "notifications")
@NamedQuery(name = OutboxMessage.FIND_BY_KEY, query = "SELECT m FROM OutboxMessage m WHERE m.idempotencyKey = :key")
@NamedQuery(name = OutboxMessage.FIND_RECENT, query = "SELECT m FROM OutboxMessage m ORDER BY m.id DESC")
@NamedQuery(name = OutboxMessage.FIND_BY_MESSAGE_ID,
        query = "SELECT m FROM OutboxMessage m WHERE m.messageId = :messageId")
@NamedQuery(name = OutboxMessage.FIND_BY_RECIPIENT,
        query = "SELECT m FROM OutboxMessage m WHERE m.recipient = :recipient ORDER BY m.id DESC")
@NamedQuery(name = OutboxMessage.FIND_BY_PROVIDER_ID,
        query = "SELECT m FROM OutboxMessage m WHERE m.provider = :provider AND m.providerId = :providerId")
public class OutboxMessage {

    public static final String FIND_BY_KEY = "OutboxMessage.findByKey";
    public static final String FIND_RECENT = "OutboxMessage.findRecent";
    public static final String FIND_BY_MESSAGE_ID = "OutboxMessage.findByMessageId";
    public static final String FIND_BY_RECIPIENT = "OutboxMessage.findByRecipient";
    public static final String FIND_BY_PROVIDER_ID = "OutboxMessage.findByProviderId";

    /** A message caused by a citizen's own action (a code, a link, a confirmation): sent first. */
    public static final short PRIORITY_TRANSACTIONAL = 0;
    /** A campaign's message: sent when no transactional message waits. */
    public static final short PRIORITY_CAMPAIGN = 1;

    /**
     * Where a message stands. PENDING -> SENDING (claimed by an instance) -> SENT, or back to
     * PENDING for a retry, or DEAD after the last attempt; SKIPPED when its recipient unsubscribed;
     * CANCELLED when its campaign was cancelled before it went; WITHDRAWN when its owner withdrew it
     * before it went (a reminder to vote, once the recipient has voted).
     */
    public enum Status {
        PENDING,
        SENDING,
        SENT,
        DEAD,
        SKIPPED,
        CANCELLED,
        WITHDRAWN;

        /** Whether nothing more will happen to the message. */
        public boolean isFinal() {
            return this != PENDING && this != SENDING;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "message_id", nullable = false, length = 36, updatable = false)
    private String messageId;

    @Column(name = "priority", nullable = false)
    private short priority;

    @Column(name = "campaign_id", length = 36, updatable = false)
    private String campaignId;

    @Column(name = "delivery", length = 20)
    private String delivery;

    @Column(name = "delivery_at")
    private Instant deliveryAt;

    @Column(name = "channel", nullable = false, length = 10)
    private String channel;

    @Column(name = "recipient", nullable = false, length = 320)
    private String recipient;

    @Column(name = "template", nullable = false, length = 80)
    private String template;

    @Column(name = "locale", nullable = false, length = 5)
    private String language;

    @Column(name = "parameters", nullable = false)
    private String parameters;

    @Column(name = "idempotency_key", length = 200)
    private String idempotencyKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 12)
    private Status status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "provider", length = 20)
    private String provider;

    @Column(name = "provider_id", length = 200)
    private String providerId;

    @Column(name = "last_error", length = 1000)
    private String lastError;

    @Column(name = "rendered_subject", length = 300)
    private String renderedSubject;

    @Column(name = "rendered_text")
    private String renderedText;

    protected OutboxMessage() {
        // for JPA
    }

    public OutboxMessage(String channel, String recipient, String template, String language, String parametersJson,
            String idempotencyKey, Instant at) {
        this.messageId = java.util.UUID.randomUUID().toString();
        this.priority = PRIORITY_TRANSACTIONAL;
        this.channel = channel;
        this.recipient = recipient;
        this.template = template;
        this.language = language;
        this.parameters = parametersJson;
        this.idempotencyKey = idempotencyKey;
        this.status = Status.PENDING;
        this.createdAt = at;
        this.nextAttemptAt = at;
    }

    /** Claimed by an instance until {@code until} (the dispatcher does the same in SQL for a batch). */
    public void claim(Instant until) {
        require(Status.PENDING);
        this.status = Status.SENDING;
        this.attempts++;
        this.claimedUntil = until;
    }

    /** Delivered: the provider accepted it. */
    public void sent(String provider, String providerId, String subject, String text, Instant at) {
        require(Status.SENDING);
        this.status = Status.SENT;
        this.provider = provider;
        this.providerId = providerId;
        this.renderedSubject = subject;
        this.renderedText = text;
        this.sentAt = at;
        this.claimedUntil = null;
        this.lastError = null;
        forget();
    }

    /** Failed this time: retried after {@code backoff}, or dead after {@code maxAttempts}. */
    public void failed(String error, Duration backoff, int maxAttempts, Instant at) {
        require(Status.SENDING);
        this.lastError = error == null ? "unknown error" : error.substring(0, Math.min(error.length(), 1000));
        this.claimedUntil = null;
        if (attempts >= maxAttempts) {
            this.status = Status.DEAD;
            forget();
        } else {
            this.status = Status.PENDING;
            this.nextAttemptAt = at.plus(backoff);
        }
    }

    /** Not sent: the recipient unsubscribed from messages that are not essential. */
    public void skipped(String reason) {
        if (status.isFinal()) {
            throw new IllegalStateException("message " + messageId + " is already " + status);
        }
        this.status = Status.SKIPPED;
        this.claimedUntil = null;
        this.lastError = reason;
        forget();
    }

    /**
     * What the provider said later of a sent message (Twilio's status callback: {@code delivered},
     * {@code undelivered}, {@code failed}); the message stays SENT.
     */
    public void reported(String providerStatus, Instant at) {
        require(Status.SENT);
        this.delivery = providerStatus;
        this.deliveryAt = at;
    }

    /**
     * Claimed while its campaign was paused or still a draft: back to waiting, with no due time
     * (resuming the campaign gives it one) and without counting the attempt.
     */
    public void held() {
        require(Status.SENDING);
        this.status = Status.PENDING;
        this.attempts = Math.max(0, attempts - 1);
        this.claimedUntil = null;
        this.nextAttemptAt = null;
    }

    /** Its campaign was cancelled before it went. */
    public void cancelled() {
        if (status.isFinal()) {
            throw new IllegalStateException("message " + messageId + " is already " + status);
        }
        this.status = Status.CANCELLED;
        this.claimedUntil = null;
        this.nextAttemptAt = null;
        forget();
    }

    /**
     * A message that came to an end forgets its parameters (a voting link's credential, a ballot's
     * receipt): they served only to render it (the database does the same for the statements that end
     * messages in bulk, notifications V7).
     */
    private void forget() {
        this.parameters = "{}";
    }

    public Optional<java.util.UUID> campaignId() {
        return Optional.ofNullable(campaignId).map(java.util.UUID::fromString);
    }

    private void require(Status expected) {
        if (status != expected) {
            throw new IllegalStateException("message " + messageId + " is " + status + ", not " + expected);
        }
    }

    public java.util.UUID messageId() {
        return java.util.UUID.fromString(messageId);
    }

    public short priority() {
        return priority;
    }

    public Optional<String> delivery() {
        return Optional.ofNullable(delivery);
    }

    public Optional<Instant> deliveryAt() {
        return Optional.ofNullable(deliveryAt);
    }

    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    public Long id() {
        return id;
    }

    public String channel() {
        return channel;
    }

    public String recipient() {
        return recipient;
    }

    public String template() {
        return template;
    }

    public String language() {
        return language;
    }

    public String parameters() {
        return parameters;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> sentAt() {
        return Optional.ofNullable(sentAt);
    }

    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Optional<String> renderedSubject() {
        return Optional.ofNullable(renderedSubject);
    }

    public Optional<String> renderedText() {
        return Optional.ofNullable(renderedText);
    }
}
