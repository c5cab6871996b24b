-- Campaigns: one template and its parameters for many recipients, handed over in batches by the
-- module that owns them. Their messages are ordinary outbox rows (priority 1) that point to the
-- campaign; a held message (draft or paused campaign) has no next_attempt_at, so the dispatcher's
-- index never sees it.
CREATE TABLE campaign (
    id                VARCHAR(36)  PRIMARY KEY,
    name              VARCHAR(200) NOT NULL,
    channel           VARCHAR(10)  NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
    template          VARCHAR(80)  NOT NULL,
    parameters        TEXT         NOT NULL,
    status            VARCHAR(12)  NOT NULL CHECK (status IN ('DRAFT', 'SENDING', 'PAUSED', 'CANCELLED')),
    created_by        VARCHAR(100) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE,
    status_changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

ALTER TABLE outbox ADD COLUMN campaign_id VARCHAR(36) REFERENCES campaign (id);
CREATE INDEX outbox_campaign_idx ON outbox (campaign_id, status) WHERE campaign_id IS NOT NULL;
CREATE INDEX outbox_recipient_idx ON outbox (recipient);

-- Who asked for no more messages that are not essential. One random token per address makes its
-- unsubscribe link; an SMS recipient who replied STOP (Twilio says so) is recorded here too.
-- Email addresses are kept lower-case.
CREATE TABLE subscription (
    channel         VARCHAR(10)  NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
    address         VARCHAR(320) NOT NULL,
    token           VARCHAR(64)  NOT NULL UNIQUE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    unsubscribed_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (channel, address)
);
