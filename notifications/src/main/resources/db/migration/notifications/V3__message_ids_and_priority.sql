-- Every message gets a public id (what NotificationService.send returns; the serial id stays internal),
-- a priority (0: a message caused by a citizen's action, such as a code or a link; 1: a campaign's), so
-- that a campaign of 500,000 never delays a verification link, and the delivery the provider reports
-- later (Twilio status callbacks).
ALTER TABLE outbox
    ADD COLUMN message_id  VARCHAR(36) NOT NULL DEFAULT gen_random_uuid()::text,
    ADD COLUMN priority    SMALLINT    NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),
    ADD COLUMN delivery    VARCHAR(20),
    ADD COLUMN delivery_at TIMESTAMP WITH TIME ZONE;
CREATE UNIQUE INDEX outbox_message_id_uq ON outbox (message_id);
CREATE INDEX outbox_provider_id_idx ON outbox (provider_id) WHERE provider_id IS NOT NULL;
DROP INDEX outbox_due_idx;
CREATE INDEX outbox_due_idx ON outbox (priority, next_attempt_at, id) WHERE status IN ('PENDING', 'SENDING');
-- SKIPPED: not sent because the recipient unsubscribed; CANCELLED: its campaign was cancelled first.
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
    CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'DEAD', 'SKIPPED', 'CANCELLED'));
