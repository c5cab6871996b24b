package org.openprimary.tally.control;

import java.util.Locale;

/**
 * The verifier's fixed list of checks, in the order it reports them. Each has a specification id
 * (its section in docs/record.md) and a category, in the manner of Swiss Post's e-voting verifier:
 * a reader sees at once what kind of guarantee failed.
 */
public enum RecordCheck {

    SEAL_FINGERPRINT("SEAL-FINGERPRINT", Category.AUTHENTICITY,
            "the seal document's SHA-256 is the sealed fingerprint"),
    SEAL_CONTENT("SEAL-CONTENT", Category.CONSISTENCY,
            "the seal names the record's election, title, candidates, grades, roll size and roll credentials"),
    BOX_CHAIN("BOX-CHAIN", Category.INTEGRITY,
            "the receipts, well formed and unique, chain from the genesis head to the record's head"),
    BOX_CHECKPOINTS("BOX-CHECKPOINTS", Category.AUTHENTICITY,
            "every checkpoint is signed by the box's key and matches the chain; the last covers every receipt"),
    COUNT_COMPLETE("COUNT-COMPLETE", Category.COMPLETENESS,
            "as many ballots as receipts as voters marked, and no more than the roll"),
    COUNT_BALLOTS("COUNT-BALLOTS", Category.CONSISTENCY,
            "every ballot gives every candidate one grade on the scale"),
    RESULT_RECOUNT("RESULT-RECOUNT", Category.CONSISTENCY,
            "recounting and ranking the ballots gives the published result");

    /** What kind of guarantee a check gives. */
    public enum Category {
        /** The data comes from whom it claims to (the sealed document, the box's signing key). */
        AUTHENTICITY,
        /** The data was not altered after it was committed to (the hash chain). */
        INTEGRITY,
        /** Nothing is missing and nothing was added. */
        COMPLETENESS,
        /** The parts agree with one another. */
        CONSISTENCY;

        /** The lower-case name the reports print, e.g. {@code authenticity}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String id;
    private final Category category;
    private final String description;

    RecordCheck(String id, Category category, String description) {
        this.id = id;
        this.category = category;
        this.description = description;
    }

    /** The specification id, e.g. {@code BOX-CHAIN}. */
    public String id() {
        return id;
    }

    public Category category() {
        return category;
    }

    /** What the check establishes when it passes, in one sentence. */
    public String description() {
        return description;
    }
}
