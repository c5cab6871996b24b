-- A second round's roll is carried over from its first round in batches, each in a transaction of
-- its own (RollCarryOver), so a national roll never waits in one transaction. The window keeps how
-- far it went: the first round's voters to carry (counted when registration opened), the last first-
-- round registrant handled (the batches go in id order), how many were carried and how many left out
-- (NOT_CARRIED_OVER), when it finished, and why the last batch stopped if it failed (cleared by the
-- next batch that commits). A batch moves the cursor, the counts and the ledger in one commit.
ALTER TABLE registration_window
    ADD COLUMN carry_total       BIGINT CHECK (carry_total >= 0),
    ADD COLUMN carry_cursor      VARCHAR(36),
    ADD COLUMN carried           BIGINT NOT NULL DEFAULT 0 CHECK (carried >= 0),
    ADD COLUMN not_carried       BIGINT NOT NULL DEFAULT 0 CHECK (not_carried >= 0),
    ADD COLUMN carry_done_at     TIMESTAMP WITH TIME ZONE,
    ADD COLUMN carry_stalled     VARCHAR(300);

-- Second rounds opened before this version were carried over in the opening's one transaction: done.
UPDATE registration_window w SET
    carried = (SELECT count(*) FROM roll_ledger l WHERE l.election_id = w.election_id AND l.kind = 'CARRIED_OVER'),
    not_carried = (SELECT count(*) FROM roll_ledger l WHERE l.election_id = w.election_id AND l.kind = 'NOT_CARRIED_OVER'),
    carry_done_at = w.opened_at
WHERE carried_from IS NOT NULL;
UPDATE registration_window SET carry_total = carried + not_carried WHERE carried_from IS NOT NULL;

ALTER TABLE registration_window ADD CONSTRAINT registration_window_carry_said
    CHECK ((carried_from IS NULL) = (carry_total IS NULL) AND (carry_done_at IS NULL OR carried_from IS NOT NULL));

-- Each carried-over registrant names the first-round registration it copies: the database's last word
-- that nobody is carried twice into one second round, whatever runs the batches.
ALTER TABLE registrant ADD COLUMN carried_from_id VARCHAR(36);
CREATE UNIQUE INDEX registrant_carried_once ON registrant (election_id, carried_from_id)
    WHERE carried_from_id IS NOT NULL;

-- The batches read a first round's roll in id order from where the last one stopped.
CREATE INDEX registrant_roll_order_idx ON registrant (election_id, status, id);
