-- Trustees and the election key, the voters' credentials, the ballot box with its checkpoints, the count.

ALTER TABLE election
    ADD COLUMN trustee_threshold        INT,
    ADD COLUMN roll_credentials         CHAR(64),
    -- the key from which voting links are derived, kept from the seal proposal to the opening only
    ADD COLUMN credential_key           BYTEA,
    ADD COLUMN election_public_key      VARCHAR(64),
    ADD COLUMN key_generated_at         TIMESTAMP WITH TIME ZONE,
    ADD COLUMN rehearsal_ballot         BYTEA,
    ADD COLUMN rehearsal_passed_at      TIMESTAMP WITH TIME ZONE,
    ADD COLUMN box_genesis              CHAR(64),
    ADD COLUMN signing_public_key       VARCHAR(200),
    ADD COLUMN voting_opened_at         TIMESTAMP WITH TIME ZONE,
    ADD COLUMN voting_closed_at         TIMESTAMP WITH TIME ZONE,
    ADD COLUMN counted_at               TIMESTAMP WITH TIME ZONE,
    ADD COLUMN result_json              TEXT,
    ADD COLUMN published_at             TIMESTAMP WITH TIME ZONE,
    ADD COLUMN published_by             VARCHAR(64),
    ADD CONSTRAINT election_voting_needs_rehearsal CHECK (
        state NOT IN ('VOTING', 'CLOSED', 'COUNTED', 'PUBLISHED') OR rehearsal_passed_at IS NOT NULL),
    ADD CONSTRAINT election_published_needs_count CHECK (state <> 'PUBLISHED' OR result_json IS NOT NULL);

-- The trustees of an election: the server keeps the salt and the public key their passphrase
-- derives, and each sealed share only until its trustee downloads it.
CREATE TABLE trustee (
    election_id         VARCHAR(36)  NOT NULL REFERENCES election (id),
    position            INT          NOT NULL CHECK (position >= 1),
    username            VARCHAR(64)  NOT NULL,
    salt                BYTEA,
    public_key          BYTEA,
    enrolled_at         TIMESTAMP WITH TIME ZONE,
    sealed_share        BYTEA,
    share_hash          CHAR(64),
    share_issued_at     TIMESTAMP WITH TIME ZONE,
    share_collected_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (election_id, position),
    UNIQUE (election_id, username)
);

-- The voters of a sealed election: a credential hash (the credential itself is sent, never kept)
-- and the "has voted" mark, with no time.
CREATE TABLE voter (
    id               UUID         PRIMARY KEY,
    election_id      VARCHAR(36)  NOT NULL REFERENCES election (id),
    registrant_id    UUID         NOT NULL,
    credential_hash  CHAR(64)     NOT NULL UNIQUE,
    has_voted        BOOLEAN      NOT NULL DEFAULT FALSE,
    UNIQUE (election_id, registrant_id)
);
CREATE INDEX voter_voted_idx ON voter (election_id) WHERE has_voted;

-- Ballots just accepted, written in the transaction that sets the voter's mark; the checkpointer
-- moves them into the chained box in one transaction. No voter, no time.
CREATE TABLE ballot_intake (
    id           BIGSERIAL    PRIMARY KEY,
    election_id  VARCHAR(36)  NOT NULL REFERENCES election (id),
    encrypted    BYTEA        NOT NULL,
    receipt      CHAR(64)     NOT NULL UNIQUE
);
CREATE INDEX ballot_intake_election_idx ON ballot_intake (election_id, id);

-- The ballot box: an append-only hash chain (tally's BoxChain), one entry per ballot.
CREATE TABLE box_entry (
    election_id  VARCHAR(36)  NOT NULL REFERENCES election (id),
    position     BIGINT       NOT NULL CHECK (position >= 1),
    encrypted    BYTEA        NOT NULL,
    receipt      CHAR(64)     NOT NULL UNIQUE,
    head         CHAR(64)     NOT NULL,
    PRIMARY KEY (election_id, position)
);

-- Signed checkpoints of the box: the number of ballots and the head after them.
CREATE TABLE box_checkpoint (
    election_id  VARCHAR(36)  NOT NULL REFERENCES election (id),
    ballots      BIGINT       NOT NULL CHECK (ballots >= 0),
    head         CHAR(64)     NOT NULL,
    made_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    signature    VARCHAR(200) NOT NULL,
    PRIMARY KEY (election_id, ballots)
);

-- The decrypted ballots after the count, in a random order unrelated to the box's: chunks of
-- ballots, one byte per candidate per ballot (the grade's number, 0 the worst).
CREATE TABLE counted_ballot (
    election_id  VARCHAR(36)  NOT NULL REFERENCES election (id),
    chunk        INT          NOT NULL,
    ballots      INT          NOT NULL,
    grades       BYTEA        NOT NULL,
    PRIMARY KEY (election_id, chunk)
);

-- The demo's checkpoint signing key, made once when no key is configured (never in production).
CREATE TABLE demo_signing_key (
    id           INT          PRIMARY KEY CHECK (id = 1),
    private_key  TEXT         NOT NULL
);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ballot box, its checkpoints and the counted ballots are append-only (% on %)', TG_OP, TG_TABLE_NAME;
END $$;
CREATE TRIGGER box_entry_append_only BEFORE UPDATE OR DELETE ON box_entry
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER box_entry_no_truncate BEFORE TRUNCATE ON box_entry
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER box_checkpoint_append_only BEFORE UPDATE OR DELETE ON box_checkpoint
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER counted_ballot_append_only BEFORE UPDATE OR DELETE ON counted_ballot
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
-- a voter's mark is set once and never taken back
CREATE FUNCTION refuse_unvote() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.has_voted AND NOT NEW.has_voted THEN
        RAISE EXCEPTION 'a voter''s mark cannot be taken back';
    END IF;
    IF NEW.credential_hash <> OLD.credential_hash OR NEW.election_id <> OLD.election_id THEN
        RAISE EXCEPTION 'a voter''s credential cannot change';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER voter_mark_once BEFORE UPDATE ON voter FOR EACH ROW EXECUTE FUNCTION refuse_unvote();
