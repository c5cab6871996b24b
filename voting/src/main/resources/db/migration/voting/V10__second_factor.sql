-- Console accounts sign in with a password and a TOTP second factor (RFC 6238).
-- totp_secret: the enrolled secret (base32); totp_pending_secret: one offered at enrolment, not yet
-- confirmed by a code; totp_last_step: the last 30-second step whose code was accepted, so a code
-- cannot be used twice. password_initial: the password was set by someone else (an organizer creating
-- the account): its owner chooses their own when enrolling the second factor.
ALTER TABLE admin_account
    ADD COLUMN totp_secret         VARCHAR(64),
    ADD COLUMN totp_pending_secret VARCHAR(64),
    ADD COLUMN totp_enrolled_at    TIMESTAMP WITH TIME ZONE,
    ADD COLUMN totp_last_step      BIGINT,
    ADD COLUMN password_initial    BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE admin_account
    ADD CONSTRAINT admin_account_totp_enrolled
        CHECK ((totp_secret IS NULL) = (totp_enrolled_at IS NULL));
