-- What the provider reported after accepting a message (Twilio's status callbacks fill delivery and
-- delivery_at): the provider's error code when it says undelivered or failed (Twilio's ErrorCode,
-- e.g. 30003 "unreachable handset").
ALTER TABLE outbox ADD COLUMN delivery_error VARCHAR(12);

-- Deliverability per email domain and phone country over the last hours: the messages that came to
-- an outcome (sent, dead) or are being retried, by when that happened (sent_at for a sent message, the
-- due time of its last or next attempt otherwise). The expression and the predicate are the ones
-- Deliverability's query uses, so PostgreSQL reads only the window's rows.
CREATE INDEX outbox_outcome_idx ON outbox ((COALESCE(sent_at, next_attempt_at)))
    WHERE status IN ('SENT', 'DEAD') OR (status = 'PENDING' AND attempts > 0);
