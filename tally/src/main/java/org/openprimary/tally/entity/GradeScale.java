package org.openprimary.tally.entity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The grades of a majority-judgment ballot, from the worst (grade 0) to the best: 2 to 10 named
 * grades, each named once. The default is the five grades of French primaries.
 *
 * @param names worst first; names are stripped of surrounding white space
 */
public record GradeScale(List<String> names) {

    public static final int MIN = 2;
    public static final int MAX = 10;
    public static final GradeScale DEFAULT =
            new GradeScale(List.of("Insuffisant", "Passable", "Assez bien", "Bien", "Très bien"));

    /**
     * @throws TallyException for fewer than 2 or more than 10 grades, a blank name or a name given twice
     */
    public GradeScale {
        if (names == null || names.size() < MIN || names.size() > MAX) {
            throw new TallyException("grades", "a scale has " + MIN + " to " + MAX + " grades, not "
                    + (names == null ? 0 : names.size()));
        }
        Set<String> seen = new HashSet<>();
        List<String> stripped = new ArrayList<>(names.size());
        for (int g = 0; g < names.size(); g++) {
            String name = names.get(g);
            if (name == null || name.isBlank()) {
                throw new TallyException("grades[" + g + "]", "a grade needs a name");
            }
            if (!seen.add(name.strip())) {
                throw new TallyException("grades[" + g + "]", "the grade '" + name.strip() + "' is listed twice");
            }
            stripped.add(name.strip());
        }
        names = List.copyOf(stripped);
    }

    /**
     * A scale of {@code size} grades: the default scale for 5, otherwise grades named by their
     * number, "0" the worst to "size-1" the best.
     */
    public static GradeScale ofSize(int size) {
        if (size == DEFAULT.size()) {
            return DEFAULT;
        }
        if (size < MIN || size > MAX) {
            throw new TallyException("grades", "a scale has " + MIN + " to " + MAX + " grades, not " + size);
        }
        List<String> names = new ArrayList<>(size);
        for (int g = 0; g < size; g++) {
            names.add(Integer.toString(g));
        }
        return new GradeScale(names);
    }

    public int size() {
        return names.size();
    }

    /** The best grade's number, {@code size() - 1}. */
    public int best() {
        return names.size() - 1;
    }

    public String name(int grade) {
        return names.get(grade);
    }
}
