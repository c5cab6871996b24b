package org.openprimary.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.openprimary.common.ConflictException;

/**
 * One message (a template and its parameters) for many recipients. Its recipients are added in
 * batches while it is a draft or sending; their messages wait until it is started, stop while it is
 * paused, and those not yet sent are dropped when it is cancelled.
 */
@Entity
@Table(name = "campaign", schema = "notifications")
@NamedQuery(name = Campaign.FIND_ALL, query = "SELECT c FROM Campaign c ORDER BY c.createdAt DESC")
public class Campaign {

    public static final String FIND_ALL = "Campaign.findAll";

    /** DRAFT -> SENDING <-> PAUSED; any but CANCELLED -> CANCELLED. */
    public enum Status {
        DRAFT,
        SENDING,
        PAUSED,
        CANCELLED
    }

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "channel", nullable = false, length = 10)
    private String channel;

    @Column(name = "template", nullable = false, length = 80)
    private String template;

    @Column(name = "parameters", nullable = false)
    private String parameters;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 12)
    private Status status;

    @Column(name = "created_by", nullable = false, length = 100)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "status_changed_at", nullable = false)
    private Instant statusChangedAt;

    protected Campaign() {
        // for JPA
    }

    public Campaign(String name, String channel, String template, String parametersJson, String createdBy,
            Instant at) {
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.channel = channel;
        this.template = template;
        this.parameters = parametersJson;
        this.createdBy = createdBy;
        this.status = Status.DRAFT;
        this.createdAt = at;
        this.statusChangedAt = at;
    }

    /** A draft's new name and shared parameters; refused once it was started. */
    public void revise(String name, String parametersJson) {
        if (status != Status.DRAFT) {
            throw new ConflictException("status", "only a draft can be changed (it is " + status + ")");
        }
        this.name = name;
        this.parameters = parametersJson;
    }

    /** Its messages go out. */
    public void start(Instant at) {
        if (status != Status.DRAFT) {
            throw new ConflictException("status", "only a draft can be started (it is " + status + ")");
        }
        move(Status.SENDING, at);
        this.startedAt = at;
    }

    /** Its messages not yet sent wait. */
    public void pause(Instant at) {
        if (status != Status.SENDING) {
            throw new ConflictException("status", "only a campaign that is sending can be paused (it is " + status + ")");
        }
        move(Status.PAUSED, at);
    }

    public void resume(Instant at) {
        if (status != Status.PAUSED) {
            throw new ConflictException("status", "only a paused campaign can be resumed (it is " + status + ")");
        }
        move(Status.SENDING, at);
    }

    /** Its messages not yet sent are never sent. */
    public void cancel(Instant at) {
        if (status == Status.CANCELLED) {
            throw new ConflictException("status", "the campaign is already cancelled");
        }
        this.status = Status.CANCELLED;
        this.statusChangedAt = at;
    }

    /** Whether recipients may still be added. */
    public void checkAcceptsRecipients() {
        if (status == Status.CANCELLED) {
            throw new ConflictException("status", "the campaign is cancelled: it takes no more recipients");
        }
    }

    /** Whether its queued messages are due now (not held). */
    public boolean sending() {
        return status == Status.SENDING;
    }

    private void move(Status to, Instant at) {
        this.status = to;
        this.statusChangedAt = at;
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public String name() {
        return name;
    }

    public String channel() {
        return channel;
    }

    public String template() {
        return template;
    }

    public String parameters() {
        return parameters;
    }

    public Status status() {
        return status;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public Instant statusChangedAt() {
        return statusChangedAt;
    }
}
