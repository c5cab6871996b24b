-- A registrant struck off the roll may appeal (docs/strike-offs.md): within 7 days of the strike-off,
-- decided by an organizer within 3 days of the appeal (both dates shown to the citizen). A
-- reinstatement while registration is open is the organizer's alone; once the roll is frozen a
-- bailiff (another person) confirms it. Deleting the registrant (a withdrawal) deletes the appeal.
CREATE TABLE appeal (
    id            UUID          PRIMARY KEY,
    election_id   VARCHAR(36)   NOT NULL,
    registrant_id VARCHAR(36)   NOT NULL REFERENCES registrant (id) ON DELETE CASCADE,
    text          VARCHAR(1000) NOT NULL,
    filed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    decide_by     TIMESTAMP WITH TIME ZONE NOT NULL,
    status        VARCHAR(24)   NOT NULL DEFAULT 'FILED'
        CHECK (status IN ('FILED', 'UPHELD', 'REINSTATEMENT_PROPOSED', 'REINSTATED')),
    decided_by    VARCHAR(64),
    decided_at    TIMESTAMP WITH TIME ZONE,
    note          VARCHAR(500),
    confirmed_by  VARCHAR(64),
    confirmed_at  TIMESTAMP WITH TIME ZONE,
    CHECK ((status = 'FILED') = (decided_by IS NULL)),
    CHECK (confirmed_by IS NULL OR confirmed_by <> decided_by)
);
CREATE UNIQUE INDEX appeal_open_once ON appeal (registrant_id) WHERE status IN ('FILED', 'REINSTATEMENT_PROPOSED');
CREATE INDEX appeal_election_idx ON appeal (election_id, filed_at);
