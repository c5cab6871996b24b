package org.openprimary.notifications.boundary;

import org.openprimary.common.DomainException;

/** A provider's callback whose signature is missing or wrong: it is not the provider's (403). */
public class CallbackRefusedException extends DomainException {

    public CallbackRefusedException(String field, String reason) {
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
