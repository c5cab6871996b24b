package org.openprimary.voting.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A candidate on an election's ballot, identified by its position in the ballot order. */
@Embeddable
public class Candidate {

    public static final int MAX_NAME_LENGTH = 200;

    @Column(name = "name", nullable = false, length = MAX_NAME_LENGTH)
    private String name;

    protected Candidate() {
        // for JPA
    }

    Candidate(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }
}
