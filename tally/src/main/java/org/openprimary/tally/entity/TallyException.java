package org.openprimary.tally.entity;

/**
 * Input the count cannot accept, with where it is ({@code tallies[2][3]}) and what is wrong.
 * Plain Java: the tally runs anywhere, without the platform.
 */
public class TallyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String where;

    public TallyException(String where, String what) {
        super(where + ": " + what);
        this.where = where;
    }

    /** The place in the input, e.g. {@code tallies[2][3]} or {@code grades}. */
    public String where() {
        return where;
    }
}
