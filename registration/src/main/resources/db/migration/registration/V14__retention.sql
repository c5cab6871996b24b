-- Personal data are kept until the retention deadline, then purged (docs/retention.md): the voting
-- module says when an election's result was published (result_at); once result_at plus the
-- retention period (openprimary.registration.retention, default P2Y) has passed, a scheduled job
-- erases the election's registrants, their call notes, appeals and demo codes, and sets purged_at.
-- Only the roll's ledger (counts, no identity) remains.
ALTER TABLE registration_window
    ADD COLUMN result_at TIMESTAMP WITH TIME ZONE,
    ADD COLUMN purged_at TIMESTAMP WITH TIME ZONE,
    ADD CONSTRAINT registration_window_purged_after_result CHECK (purged_at IS NULL OR result_at IS NOT NULL);
CREATE INDEX registration_window_purge_due_idx ON registration_window (result_at)
    WHERE result_at IS NOT NULL AND purged_at IS NULL;

-- A registrant who asked to withdraw after the roll was sealed: the sealed roll keeps them, their
-- data go with the purge at the retention deadline, and meanwhile they get no more messages.
ALTER TABLE registrant ADD COLUMN erasure_requested_at TIMESTAMP WITH TIME ZONE;
