package org.openprimary.common;

/** An input is malformed or out of range; names the field and why. */
public class InvalidInputException extends DomainException {

    public InvalidInputException(String field, String reason) {
        super(field, reason);
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String title() {
        return "Invalid input";
    }
}
