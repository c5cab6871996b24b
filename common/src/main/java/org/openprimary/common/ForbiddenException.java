package org.openprimary.common;

/**
 * The caller's role may not do this, where the role is checked by the resource rather than by the
 * web module's security constraints (a read open to all staff by its path, but not this one).
 */
public class ForbiddenException extends DomainException {

    public ForbiddenException(String field, String reason) {
        super(field, reason);
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String title() {
        return "Forbidden";
    }
}
