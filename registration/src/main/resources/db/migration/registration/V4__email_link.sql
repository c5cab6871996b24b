-- The email step: a single-use link (only its token's hash is kept), valid 24 hours; how many were sent.
ALTER TABLE registrant
    ADD COLUMN email_token_hash       CHAR(64),
    ADD COLUMN email_token_expires_at TIMESTAMP WITH TIME ZONE,
    ADD COLUMN email_links_sent       INTEGER NOT NULL DEFAULT 0;
-- The election's title, for the messages registration sends.
ALTER TABLE registration_window ADD COLUMN election_title VARCHAR(200) NOT NULL DEFAULT '';
