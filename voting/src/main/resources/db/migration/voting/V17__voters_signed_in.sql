-- "Voters who signed in" for the count's record (issue 11): a voter who asked for a code to
-- confirm a ballot gets this flag, set once, never taken back. Like the "has voted" mark it is a
-- boolean with no time, on the voter's row, and nothing links it to a ballot: it says only that
-- the voter came (which every voter who cast a ballot did), not when, nor what they voted.
ALTER TABLE voter ADD COLUMN signed_in BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX voter_signed_in_idx ON voter (election_id) WHERE signed_in;

CREATE OR REPLACE FUNCTION refuse_unvote() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.has_voted AND NOT NEW.has_voted THEN
        RAISE EXCEPTION 'a voter''s mark cannot be taken back';
    END IF;
    IF OLD.signed_in AND NOT NEW.signed_in THEN
        RAISE EXCEPTION 'a voter''s sign-in cannot be taken back';
    END IF;
    IF NEW.credential_hash <> OLD.credential_hash OR NEW.election_id <> OLD.election_id THEN
        RAISE EXCEPTION 'a voter''s credential cannot change';
    END IF;
    RETURN NEW;
END $$;
