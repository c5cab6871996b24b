package org.openprimary.tally.entity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The grades of a majority-judgment ballot, from the worst (grade 0) to the best: 2 to 10 named
 * grades. The default is the five grades of French primaries.
 */
public record GradeScale(List<String> names) {

    public static final int MIN = 2;
    public static final int MAX = 10;
    public static final GradeScale DEFAULT =
            new GradeScale(List.of("Insuffisant", "Passable", "Assez bien", "Bien", "Très bien"));

    public GradeScale {
        if (names == null || names.size() < MIN || names.size() > MAX) {
            throw new TallyException("grades", "a scale has " + MIN + " to " + MAX + " grades, not "
                    + (names == null ? 0 : names.size()));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank()) {
                throw new TallyException("grades[" + i + "]", "a grade needs a name");
            }
            if (!seen.add(name.strip())) {
                throw new TallyException("grades[" + i + "]", "the grade '" + name.strip() + "' is listed twice");
            }
        }
        names = List.copyOf(names.stream().map(String::strip).toList());
    }

    /** A scale of {@code size} grades named by their number ("0" worst ... "size-1" best), or the default for 5. */
    public static GradeScale ofSize(int size) {
        if (size == DEFAULT.size()) {
            return DEFAULT;
        }
        if (size < MIN || size > MAX) {
            throw new TallyException("grades", "a scale has " + MIN + " to " + MAX + " grades, not " + size);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            names.add(Integer.toString(i));
        }
        return new GradeScale(names);
    }

    public int size() {
        return names.size();
    }

    public String name(int grade) {
        return names.get(grade);
    }
}
