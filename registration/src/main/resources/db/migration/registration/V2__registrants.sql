-- What registration needs of each election, handed over by the voting module.
ALTER TABLE registration_window
    ADD COLUMN required_factors  VARCHAR(40)  NOT NULL DEFAULT 'EMAIL,PHONE',
    ADD COLUMN allowed_countries VARCHAR(400) NOT NULL DEFAULT 'FR,GP,MQ,GF,RE,YT',
    ADD COLUMN roll_mode         VARCHAR(10)  NOT NULL DEFAULT 'OPEN';

-- Registrants. One phone, one email, one card per roll: enforced here, under any concurrency.
CREATE TABLE registrant (
    id                 VARCHAR(36)  PRIMARY KEY,
    election_id        VARCHAR(36)  NOT NULL REFERENCES registration_window (election_id),
    first_name         VARCHAR(100) NOT NULL,
    last_name          VARCHAR(100) NOT NULL,
    phone_e164         VARCHAR(16),
    email              VARCHAR(254),
    email_normalized   VARCHAR(254),
    card_hash          CHAR(64),
    language           VARCHAR(2)   NOT NULL CHECK (language IN ('fr', 'en')),
    charter_version    VARCHAR(20)  NOT NULL,
    privacy_version    VARCHAR(20)  NOT NULL,
    resume_token_hash  CHAR(64)     NOT NULL UNIQUE,
    status             VARCHAR(12)  NOT NULL CHECK (status IN ('PENDING', 'ON_ROLL')),
    registered_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    phone_verified_at  TIMESTAMP WITH TIME ZONE,
    email_verified_at  TIMESTAMP WITH TIME ZONE,
    card_verified_at   TIMESTAMP WITH TIME ZONE,
    on_roll_at         TIMESTAMP WITH TIME ZONE,
    version            BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT registrant_phone_once UNIQUE (election_id, phone_e164),
    CONSTRAINT registrant_email_once UNIQUE (election_id, email_normalized),
    CONSTRAINT registrant_card_once  UNIQUE (election_id, card_hash),
    CHECK (status <> 'ON_ROLL' OR on_roll_at IS NOT NULL)
);

-- The demo's stand-in for SMS codes: codes an organizer reads in the console. Never used when
-- the real provider (Twilio Verify) is configured.
CREATE TABLE console_code (
    id          BIGSERIAL    PRIMARY KEY,
    phone_e164  VARCHAR(16)  NOT NULL,
    code        CHAR(6)      NOT NULL,
    channel     VARCHAR(5)   NOT NULL CHECK (channel IN ('sms', 'call')),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    checks      INTEGER      NOT NULL DEFAULT 0,
    used        BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX console_code_phone_idx ON console_code (phone_e164, created_at);

-- The ledger's entries now carry the running number of registrants beside the roll's size.
-- Entries written before this version (format 1) hash without it.
ALTER TABLE roll_ledger
    ADD COLUMN registrants BIGINT   NOT NULL DEFAULT 0 CHECK (registrants >= 0),
    ADD COLUMN format      SMALLINT NOT NULL DEFAULT 1 CHECK (format IN (1, 2));
CREATE INDEX roll_ledger_time_idx ON roll_ledger (election_id, recorded_at);
