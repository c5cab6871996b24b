-- Delivery: parameters of the template, exactly-once key, attempts and back-off, the provider's answer.
ALTER TABLE outbox
    ADD COLUMN parameters       TEXT         NOT NULL DEFAULT '{}',
    ADD COLUMN idempotency_key  VARCHAR(200),
    ADD COLUMN attempts         INTEGER      NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at  TIMESTAMP WITH TIME ZONE,
    ADD COLUMN claimed_until    TIMESTAMP WITH TIME ZONE,
    ADD COLUMN provider         VARCHAR(20),
    ADD COLUMN provider_id      VARCHAR(200),
    ADD COLUMN last_error       VARCHAR(1000),
    ADD COLUMN rendered_subject VARCHAR(300),
    ADD COLUMN rendered_text    TEXT;
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'DEAD'));
CREATE UNIQUE INDEX outbox_idempotency_uq ON outbox (idempotency_key);
DROP INDEX outbox_pending_idx;
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at, id) WHERE status IN ('PENDING', 'SENDING');
