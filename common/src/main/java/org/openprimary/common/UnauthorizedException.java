package org.openprimary.common;

/**
 * The credentials sent were wrong or missing (a password, a second-factor code): the caller is not
 * signed in. The reason never says which of a username and a password was wrong.
 */
public class UnauthorizedException extends DomainException {

    public UnauthorizedException(String field, String reason) {
        super(field, reason);
    }

    @Override
    public int status() {
        return 401;
    }

    @Override
    public String title() {
        return "Not signed in";
    }
}
