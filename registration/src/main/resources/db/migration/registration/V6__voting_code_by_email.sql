-- A code to confirm a ballot, sent by email when the election chooses email or the voter has no
-- verified phone: only its hash, its expiry, and counters that bound guessing and sending.
ALTER TABLE registrant
    ADD COLUMN voting_code_hash        CHAR(64),
    ADD COLUMN voting_code_expires_at  TIMESTAMP WITH TIME ZONE,
    ADD COLUMN voting_code_checks      INT NOT NULL DEFAULT 0,
    ADD COLUMN voting_codes_sent       INT NOT NULL DEFAULT 0,
    ADD COLUMN voting_codes_since      TIMESTAMP WITH TIME ZONE;
