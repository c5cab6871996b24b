-- What the voting module handed over when it opened an election's registration.
CREATE TABLE registration_window (
    election_id VARCHAR(36) PRIMARY KEY,
    opened_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at   TIMESTAMP WITH TIME ZONE,
    CHECK (closed_at IS NULL OR closed_at >= opened_at)
);

-- The roll's ledger: every change of an election's roll, in order, each entry chained to the
-- previous one by its SHA-256 hash. Append-only: the trigger below refuses updates and deletes.
CREATE TABLE roll_ledger (
    election_id VARCHAR(36) NOT NULL REFERENCES registration_window (election_id),
    seq         BIGINT      NOT NULL CHECK (seq >= 1),
    kind        VARCHAR(40) NOT NULL,
    detail      VARCHAR(1000) NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    roll_size   BIGINT      NOT NULL CHECK (roll_size >= 0),
    prev_hash   CHAR(64)    NOT NULL,
    hash        CHAR(64)    NOT NULL UNIQUE,
    PRIMARY KEY (election_id, seq)
);

CREATE FUNCTION refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the roll ledger is append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER roll_ledger_append_only
    BEFORE UPDATE OR DELETE ON roll_ledger
    FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();

CREATE TRIGGER roll_ledger_no_truncate
    BEFORE TRUNCATE ON roll_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_change();
