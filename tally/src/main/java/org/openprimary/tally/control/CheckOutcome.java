package org.openprimary.tally.control;

import java.util.List;
import java.util.Objects;

/**
 * What one check found: the failures it kept (the first {@link #KEPT}, each naming where and
 * expected versus found) and how many there were in all, or, when it passed, the evidence it
 * established ("120 receipts chain to head 5c13…").
 */
public record CheckOutcome(RecordCheck check, List<String> failures, long failureCount, String evidence) {

    /** The most failures one check keeps: a record with a million bad ballots needs no million lines. */
    public static final int KEPT = 20;

    public CheckOutcome {
        Objects.requireNonNull(check, "check");
        failures = List.copyOf(failures);
        if (failureCount < failures.size() || failures.size() > KEPT || (failureCount > 0) == failures.isEmpty()) {
            throw new IllegalArgumentException("a check keeps its first failures, up to " + KEPT + ", and counts all");
        }
        Objects.requireNonNull(evidence, "evidence");
    }

    public boolean passed() {
        return failureCount == 0;
    }

    /**
     * One line: the evidence when the check passed; otherwise its first {@code shown} failures and
     * how many more there are.
     */
    public String detail(int shown) {
        if (passed()) {
            return evidence;
        }
        List<String> first = failures.subList(0, Math.min(shown, failures.size()));
        long more = failureCount - first.size();
        return String.join("; ", first) + (more > 0 ? "; and " + more + " more" : "");
    }

    /** Collects a check's failures as they are found, keeping the first {@link #KEPT}. */
    static final class Findings {

        private final RecordCheck check;
        private final java.util.ArrayList<String> kept = new java.util.ArrayList<>();
        private long count;

        Findings(RecordCheck check) {
            this.check = check;
        }

        void fail(String failure) {
            if (kept.size() < KEPT) {
                kept.add(failure);
            }
            count++;
        }

        boolean failed() {
            return count > 0;
        }

        CheckOutcome outcome(String evidence) {
            return new CheckOutcome(check, kept, count, evidence);
        }
    }
}
