-- The abuse limits' token buckets (Bucket4j, common.limits.SharedLimiter), shared by every instance
-- of a cluster: one row per bucket, keyed by a SHA-256 of its kind and key (no address, phone or
-- domain in clear), its state serialized by Bucket4j, and when it is full again (epoch ms), after
-- which the clean-up deletes it.
CREATE TABLE registration.rate_limit (
    id VARCHAR(64) PRIMARY KEY,
    state BYTEA,
    expires_at BIGINT
);
CREATE INDEX rate_limit_expires_at ON registration.rate_limit (expires_at);
