-- Striking a registrant off a frozen roll takes two people (docs/strike-offs.md): an organizer
-- proposes, a bailiff (another person) confirms or refuses. A confirmed strike-off marks the voter,
-- who can then no longer vote; one who has voted cannot be struck off (their ballot is secret).
ALTER TABLE voter ADD COLUMN struck_off_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE voter ADD CONSTRAINT voter_struck_or_voted CHECK (NOT (has_voted AND struck_off_at IS NOT NULL));

CREATE TABLE strike_off (
    id             UUID         PRIMARY KEY,
    election_id    VARCHAR(36)  NOT NULL REFERENCES election (id),
    registrant_id  UUID         NOT NULL,
    reason         VARCHAR(30)  NOT NULL,
    proposed_by    VARCHAR(64)  NOT NULL,
    proposed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    decision       VARCHAR(9)   CHECK (decision IN ('CONFIRMED', 'REFUSED')),
    decided_by     VARCHAR(64),
    decided_at     TIMESTAMP WITH TIME ZONE,
    CHECK ((decision IS NULL) = (decided_by IS NULL) AND (decision IS NULL) = (decided_at IS NULL)),
    -- the two-person rule, in the database too
    CHECK (decided_by IS NULL OR decided_by <> proposed_by)
);
-- one open proposal per registrant at a time
CREATE UNIQUE INDEX strike_off_open_once ON strike_off (election_id, registrant_id) WHERE decision IS NULL;
