package org.openprimary.common;

/** The action is well formed but not allowed in the current state (e.g. a lifecycle transition). */
public class ConflictException extends DomainException {

    public ConflictException(String field, String reason) {
        super(field, reason);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String title() {
        return "Not allowed now";
    }
}
