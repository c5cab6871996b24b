package org.openprimary.registration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.openprimary.common.InvalidInputException;

/**
 * A hotline volunteer's note of a call about a registration: the text, who wrote it and when.
 * Append-only: the database refuses any change, and a note goes only with its registrant's
 * erasure.
 */
@Entity
@Table(name = "call_note", schema = "registration")
@NamedQuery(name = CallNote.FIND_BY_REGISTRANT,
        query = "SELECT n FROM CallNote n WHERE n.registrantId = :registrant ORDER BY n.createdAt, n.id")
public class CallNote {

    public static final String FIND_BY_REGISTRANT = "CallNote.findByRegistrant";
    public static final int MAX_LENGTH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "registrant_id", nullable = false, length = 36)
    private String registrantId;

    @Column(name = "operator", nullable = false, length = 64)
    private String operator;

    @Column(name = "text", nullable = false, length = MAX_LENGTH)
    private String text;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CallNote() {
        // for JPA
    }

    /** A note of at most {@value #MAX_LENGTH} characters, not blank, without control characters but line breaks. */
    public CallNote(UUID registrantId, String operator, String text, Instant at) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("text", "write what the call was about");
        }
        String stripped = text.strip();
        if (stripped.length() > MAX_LENGTH) {
            throw new InvalidInputException("text", "a note has at most " + MAX_LENGTH + " characters, not "
                    + stripped.length());
        }
        if (stripped.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new InvalidInputException("text", "a note cannot contain control characters");
        }
        this.registrantId = registrantId.toString();
        this.operator = operator;
        this.text = stripped;
        this.createdAt = at;
    }

    public long id() {
        return id;
    }

    public String operator() {
        return operator;
    }

    public String text() {
        return text;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
