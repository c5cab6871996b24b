package org.openprimary.registration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An election's registration as the voting module handed it over: when it opened, and when it
 * closed. Registration never asks the voting module; it only knows what it was given.
 */
@Entity
@Table(name = "registration_window", schema = "registration")
public class RegistrationWindow {

    @Id
    @Column(name = "election_id", length = 36)
    private String electionId;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    protected RegistrationWindow() {
        // for JPA
    }

    public RegistrationWindow(UUID electionId, Instant openedAt) {
        this.electionId = electionId.toString();
        this.openedAt = openedAt;
    }

    public UUID electionId() {
        return UUID.fromString(electionId);
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Optional<Instant> closedAt() {
        return Optional.ofNullable(closedAt);
    }

    public boolean isOpen() {
        return closedAt == null;
    }
}
