-- Messages waiting to be sent, and what became of them. Knows recipients, never registrants.
CREATE TABLE outbox (
    id          BIGSERIAL    PRIMARY KEY,
    channel     VARCHAR(10)  NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
    recipient   VARCHAR(320) NOT NULL,
    template    VARCHAR(80)  NOT NULL,
    locale      VARCHAR(5)   NOT NULL CHECK (locale IN ('fr', 'en')),
    status      VARCHAR(12)  NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at     TIMESTAMP WITH TIME ZONE
);

CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE status = 'PENDING';
