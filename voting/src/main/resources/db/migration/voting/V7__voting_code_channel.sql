-- How a voter gets the code that confirms their ballot: SMS (the default; email when the voter has
-- no verified phone) or email for everyone.
ALTER TABLE election ADD COLUMN voting_code VARCHAR(5) NOT NULL DEFAULT 'SMS' CHECK (voting_code IN ('SMS', 'EMAIL'));
