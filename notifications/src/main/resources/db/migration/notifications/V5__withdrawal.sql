-- A campaign message may be withdrawn before it goes: a reminder to vote is withdrawn as soon as its
-- recipient has voted. The owner of the recipients gives each such message a key (for a reminder,
-- the voter's random id in that election's box) and withdraws by that key in the transaction of the
-- change that makes it pointless (the cast). WITHDRAWN messages are never sent.
ALTER TABLE outbox ADD COLUMN withdraw_key VARCHAR(100);
CREATE INDEX outbox_withdraw_idx ON outbox (withdraw_key) WHERE withdraw_key IS NOT NULL AND status = 'PENDING';
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
    CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'DEAD', 'SKIPPED', 'CANCELLED', 'WITHDRAWN'));

