-- Every state-changing admin request, accepted or refused: who, what, on which election, the
-- outcome. Append-only and hash-chained like the roll's ledger.
CREATE TABLE audit_entry (
    seq          BIGINT       PRIMARY KEY,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    actor        VARCHAR(64)  NOT NULL,
    action       VARCHAR(200) NOT NULL,
    election_id  VARCHAR(36),
    status       INT          NOT NULL,
    outcome      VARCHAR(400) NOT NULL,
    prev_hash    CHAR(64)     NOT NULL,
    hash         CHAR(64)     NOT NULL
);
CREATE INDEX audit_entry_election_idx ON audit_entry (election_id, seq);
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
