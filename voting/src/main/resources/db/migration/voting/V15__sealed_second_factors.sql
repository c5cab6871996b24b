-- The console's TOTP secrets are kept sealed (AES-256-GCM under OPENPRIMARY_CONSOLE_SECRET_KEY,
-- bound to the account's username: voting.control.SecretSeal): a copy of the database alone no
-- longer signs anyone in. A sealed secret is "v1:" and the base64 of nonce, ciphertext and tag
-- (83 characters for a 32-character secret). Secrets kept in clear before this are sealed at the
-- next start (SecretSeal's start-up step).
ALTER TABLE admin_account ALTER COLUMN totp_secret TYPE VARCHAR(200);
ALTER TABLE admin_account ALTER COLUMN totp_pending_secret TYPE VARCHAR(200);

-- The demo's key for them, made once when none is configured (never in production).
CREATE TABLE demo_console_key (
    id   INT   PRIMARY KEY CHECK (id = 1),
    key  TEXT  NOT NULL
);
