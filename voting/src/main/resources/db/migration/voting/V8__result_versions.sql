-- A published result is never edited: a correction is a new version, with its reason, and every
-- version stays public.
CREATE TABLE result_version (
    election_id  VARCHAR(36)   NOT NULL REFERENCES election (id),
    version      INT           NOT NULL CHECK (version >= 1),
    result_json  TEXT          NOT NULL,
    reason       VARCHAR(1000) NOT NULL,
    created_by   VARCHAR(64)   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (election_id, version)
);
CREATE TRIGGER result_version_append_only BEFORE UPDATE OR DELETE ON result_version
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER result_version_no_truncate BEFORE TRUNCATE ON result_version
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
