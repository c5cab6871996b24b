package org.openprimary.common;

/** The thing asked for does not exist (or is not visible to the caller). */
public class NotFoundException extends DomainException {

    public NotFoundException(String field, String reason) {
        super(field, reason);
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String title() {
        return "Not found";
    }
}
