package org.openprimary.registration.boundary;

import java.util.List;

/**
 * What an import of a member list did: how many lines were read, imported, already on the roll,
 * and every problem by line. {@code applied} is false when nothing was imported because a line
 * was invalid and the organizer did not choose to import the valid lines.
 */
public record ImportReport(int lines, int imported, int unchanged, boolean applied, List<LineProblem> problems) {

    /** A line that cannot be imported: its number (the header is line 1), the field, the reason. */
    public record LineProblem(long line, String field, String reason) {
    }
}
