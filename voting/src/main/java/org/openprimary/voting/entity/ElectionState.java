package org.openprimary.voting.entity;

/**
 * Where an election stands. Stored as text; every change goes through a method of
 * {@link Election} that checks the transition is allowed.
 */
public enum ElectionState {
    DRAFT,
    REGISTRATION,
    SEALED,
    VOTING,
    CLOSED,
    COUNTED,
    PUBLISHED
}
