package org.openprimary.voting.entity;

import java.util.UUID;
import org.openprimary.common.NotFoundException;

/** An election's identity: a random UUID, written in its canonical text form. */
public record ElectionId(UUID value) {

    public ElectionId {
        if (value == null) {
            throw new IllegalArgumentException("an election id needs a value");
        }
    }

    public static ElectionId random() {
        return new ElectionId(UUID.randomUUID());
    }

    /**
     * Reads an id from a URL or a request. Text that is not a UUID cannot name an election, so
     * it is answered as "not found" rather than as a malformed request.
     */
    public static ElectionId parse(String text) {
        try {
            UUID uuid = UUID.fromString(text == null ? "" : text.trim());
            if (!uuid.toString().equalsIgnoreCase(text.trim())) {
                throw new IllegalArgumentException("not canonical");
            }
            return new ElectionId(uuid);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("id", "no election has the id '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
