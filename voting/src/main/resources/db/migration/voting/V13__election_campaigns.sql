-- An organizer's messages to an election's registrants (docs/campaigns.md): an announcement or a
-- reminder to vote, for an audience, sent now or at a set time. The message itself (template,
-- texts, progress) is a campaign of the notifications module, with the same id; this row says
-- whom it is for and when, and is resolved into recipients only when it goes out, so that a
-- scheduled reminder reaches exactly those who have not voted by then.
CREATE TABLE election_campaign (
    campaign_id  VARCHAR(36)  PRIMARY KEY,
    election_id  VARCHAR(36)  NOT NULL REFERENCES election (id),
    kind         VARCHAR(12)  NOT NULL CHECK (kind IN ('ANNOUNCEMENT', 'REMINDER')),
    audience     VARCHAR(12)  NOT NULL CHECK (audience IN ('REGISTERED', 'ON_ROLL', 'UNVERIFIED', 'NOT_VOTED')),
    channel      VARCHAR(10)  NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
    state        VARCHAR(10)  NOT NULL CHECK (state IN ('DRAFT', 'SCHEDULED', 'QUEUED', 'CANCELLED')),
    send_at      TIMESTAMP WITH TIME ZONE,
    recipients   BIGINT,
    tests_sent   INTEGER      NOT NULL DEFAULT 0,
    note         VARCHAR(300),
    created_by   VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    queued_by    VARCHAR(64),
    queued_at    TIMESTAMP WITH TIME ZONE,
    CHECK (state <> 'SCHEDULED' OR send_at IS NOT NULL),
    CHECK (state <> 'QUEUED' OR queued_at IS NOT NULL),
    CHECK (state IN ('QUEUED', 'CANCELLED') OR queued_at IS NULL)
);
CREATE INDEX election_campaign_election_idx ON election_campaign (election_id, created_at);
CREATE INDEX election_campaign_due_idx ON election_campaign (send_at) WHERE state = 'SCHEDULED';
