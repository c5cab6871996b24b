package org.openprimary.common;

import jakarta.ejb.ApplicationException;
import java.util.Optional;

/**
 * A rule of the domain refused an action. Thrown by entities and boundaries, crosses EJB
 * boundaries unwrapped (and rolls the transaction back), and is mapped once, in the web
 * modules, to {@code application/problem+json}.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class DomainException extends RuntimeException {

    private final String field;

    protected DomainException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    /** The input field at fault, when one is. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** Why it was refused, in words a user can act on. */
    public String reason() {
        return getMessage();
    }

    /** The HTTP status this refusal maps to. */
    public abstract int status();

    /** A short, stable title for the kind of refusal. */
    public abstract String title();
}
