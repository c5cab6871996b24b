package org.openprimary.common;

/** An outside service (SMS, email, card) failed or did not answer; the caller can retry as is. */
public class ServiceUnavailableException extends DomainException {

    public ServiceUnavailableException(String field, String reason) {
        super(field, reason);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String title() {
        return "Service unavailable";
    }
}
