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
public class OutboxMessage {

    public static final String FIND_BY_KEY = "OutboxMessage.findByKey";
    public static final String FIND_RECENT = "OutboxMessage.findRecent";

    /** Where a message stands. */
    public enum Status {
        PENDING,
        SENDING,
        SENT,
        DEAD
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

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

    /** Delivered: the provider accepted it. */
    public void sent(String provider, String providerId, String subject, String text, Instant at) {
        this.status = Status.SENT;
        this.provider = provider;
        this.providerId = providerId;
        this.renderedSubject = subject;
        this.renderedText = text;
        this.sentAt = at;
        this.claimedUntil = null;
        this.lastError = null;
    }

    /** Failed this time: retried after {@code backoff}, or dead after {@code maxAttempts}. */
    public void failed(String error, Duration backoff, int maxAttempts, Instant at) {
        this.lastError = error == null ? "unknown error" : error.substring(0, Math.min(error.length(), 1000));
        this.claimedUntil = null;
        if (attempts >= maxAttempts) {
            this.status = Status.DEAD;
        } else {
            this.status = Status.PENDING;
            this.nextAttemptAt = at.plus(backoff);
        }
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
