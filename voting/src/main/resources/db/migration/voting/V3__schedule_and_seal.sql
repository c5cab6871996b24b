-- The voting schedule, and the seal: proposed by an organizer, confirmed by a bailiff (two accounts).
ALTER TABLE election
    ADD COLUMN voting_opens_at          TIMESTAMP WITH TIME ZONE,
    ADD COLUMN voting_closes_at         TIMESTAMP WITH TIME ZONE,
    ADD COLUMN registration_closed_at   TIMESTAMP WITH TIME ZONE,
    ADD COLUMN roll_size                BIGINT,
    ADD COLUMN roll_ledger_entries      BIGINT,
    ADD COLUMN roll_ledger_head         CHAR(64),
    ADD COLUMN seal_document            TEXT,
    ADD COLUMN seal_fingerprint         CHAR(64),
    ADD COLUMN seal_proposed_by         VARCHAR(64),
    ADD COLUMN seal_proposed_at         TIMESTAMP WITH TIME ZONE,
    ADD COLUMN sealed_by                VARCHAR(64),
    ADD COLUMN sealed_at                TIMESTAMP WITH TIME ZONE,
    ADD CONSTRAINT election_schedule_order CHECK (voting_closes_at IS NULL OR voting_opens_at < voting_closes_at),
    ADD CONSTRAINT election_two_people CHECK (sealed_by IS NULL OR sealed_by <> seal_proposed_by),
    ADD CONSTRAINT election_sealed_means_seal CHECK (
        state IN ('DRAFT', 'REGISTRATION') OR (seal_fingerprint IS NOT NULL AND sealed_by IS NOT NULL));
