-- Console sessions in the database (issue 6: any instance serves the console, no HTTP session).
-- The OPENPRIMARY_CONSOLE cookie carries a random token (32 bytes of SecureRandom, base64url); a row
-- keeps only its SHA-256, so a copy of this table signs nobody in. The roles are not copied here:
-- every request reads them from the account (a join on the primary key), so a change of roles, a
-- reset second factor or a deleted account takes effect at the next request. A session ends at
-- expires_at (8 hours after the sign-in) or after 15 minutes without a request (last_seen_at, kept
-- to the minute); expiry is checked on every read, and a clean-up on every instance deletes the
-- rows that are over (a plain DELETE: harmless when two instances run it at once).
-- verified is false between a right password and the confirmation of a second factor being
-- enrolled: such a session has no role and can only enrol one.
CREATE TABLE voting.console_session (
    token_hash   BYTEA PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    username     VARCHAR(64) NOT NULL REFERENCES voting.admin_account (username) ON DELETE CASCADE,
    verified     BOOLEAN NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX console_session_username ON voting.console_session (username);
CREATE INDEX console_session_expires_at ON voting.console_session (expires_at);
