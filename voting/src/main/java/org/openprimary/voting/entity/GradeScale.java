package org.openprimary.voting.entity;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openprimary.common.InvalidInputException;

/**
 * The grades a voter gives each candidate, listed from the worst to the best (the tally's
 * convention: grade 0 is the worst). From 2 to 7 named grades; the default is the five grades of
 * French primaries.
 */
public record GradeScale(List<String> names) {

    public static final int MIN = 2;
    public static final int MAX = 7;
    public static final int MAX_NAME_LENGTH = 40;
    public static final GradeScale DEFAULT =
            new GradeScale(List.of("Insuffisant", "Passable", "Assez bien", "Bien", "Très bien"));

    public GradeScale {
        if (names == null) {
            throw new InvalidInputException("grades", "the grade scale is missing");
        }
        if (names.size() < MIN || names.size() > MAX) {
            throw new InvalidInputException("grades",
                    "a grade scale has " + MIN + " to " + MAX + " grades, not " + names.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String field = "grades[" + i + "]";
            if (name == null || name.isBlank()) {
                throw new InvalidInputException(field, "a grade needs a name");
            }
            if (name.strip().length() > MAX_NAME_LENGTH) {
                throw new InvalidInputException(field,
                        "a grade name has at most " + MAX_NAME_LENGTH + " characters");
            }
            if (!seen.add(name.strip().toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException(field, "the grade '" + name.strip() + "' is listed twice");
            }
        }
        names = names.stream().map(String::strip).toList();
    }

    /** The given names, or the default scale when none are given. */
    public static GradeScale ofOrDefault(List<String> names) {
        return names == null ? DEFAULT : new GradeScale(names);
    }
}
