-- A help code per registration (docs/support.md): what a citizen reads out to the hotline. Unique
-- across every election, so a volunteer finds the registration from the code alone. Registrations
-- made before this version get theirs when they next read their status.
ALTER TABLE registrant ADD COLUMN help_code CHAR(9);
ALTER TABLE registrant ADD CONSTRAINT registrant_help_code_once UNIQUE (help_code);

-- The hotline's notes of calls: append-only; a note goes only with its registrant's erasure.
CREATE TABLE call_note (
    id             BIGSERIAL     PRIMARY KEY,
    registrant_id  VARCHAR(36)   NOT NULL REFERENCES registrant (id) ON DELETE CASCADE,
    operator       VARCHAR(64)   NOT NULL,
    text           VARCHAR(1000) NOT NULL CHECK (length(btrim(text)) > 0),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX call_note_registrant_idx ON call_note (registrant_id, created_at);

CREATE FUNCTION call_note_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- a cascade from the registrant's erasure runs one trigger level down; anything else is refused
    IF TG_OP = 'UPDATE' OR pg_trigger_depth() < 2 THEN
        RAISE EXCEPTION 'call notes are append-only (% on call_note)', TG_OP;
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER call_note_append_only BEFORE UPDATE OR DELETE ON call_note
    FOR EACH ROW EXECUTE FUNCTION call_note_append_only();
CREATE TRIGGER call_note_no_truncate BEFORE TRUNCATE ON call_note
    FOR EACH STATEMENT EXECUTE FUNCTION call_note_append_only();
