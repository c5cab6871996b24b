package org.openprimary.tally.boundary;

import jakarta.ejb.ApplicationException;

/**
 * The results service refused its input: {@link #where()} names the place ({@code tallies[2][3]},
 * {@code ballots[17][4]}, {@code grades}) and the message says {@code where: what}.
 */
@ApplicationException(rollback = true)
public class TallyRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String where;

    public TallyRejectedException(String where, String message, Throwable cause) {
        super(message, cause);
        this.where = where;
    }

    public String where() {
        return where;
    }
}
