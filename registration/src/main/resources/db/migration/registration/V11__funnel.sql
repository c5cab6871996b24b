-- The registration funnel (docs/support.md): its counts group an election's ledger entries by kind
-- and detail, read from this index alone; "resend to failed only" pages through the registrants
-- whose email is still unverified.
CREATE INDEX roll_ledger_funnel_idx ON roll_ledger (election_id, kind, detail);
CREATE INDEX registrant_email_unverified_idx ON registrant (election_id, id)
    WHERE email IS NOT NULL AND email_verified_at IS NULL AND status = 'PENDING';
