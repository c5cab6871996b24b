package org.openprimary.tally.entity;

/**
 * Input the count cannot accept, saying where it is ({@code tallies[2][3]}, {@code grades[1]},
 * {@code candidates}) and what is wrong ({@code negative count -1}). The message is
 * {@code where: what}, one line, fit for a person.
 *
 * <p>An {@link IllegalArgumentException}: it is always the caller's input that is wrong.
 */
public class TallyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String where;
    private final String what;

    public TallyException(String where, String what) {
        super(where + ": " + what);
        this.where = where;
        this.what = what;
    }

    /** The place in the input, e.g. {@code tallies[2][3]} or {@code grades}. */
    public String where() {
        return where;
    }

    /** What is wrong there, e.g. {@code negative count -1}. */
    public String what() {
        return what;
    }
}
