-- The per-address limits of voting's public endpoints and the console's sign-in throttle: Bucket4j's
-- token buckets (common.limits.SharedLimiter), shared by every instance of a cluster. One row per
-- bucket, keyed by a SHA-256 of its kind and key (no address or username in clear); expires_at
-- (epoch ms) says when the bucket is full again, after which the clean-up deletes it.
CREATE TABLE voting.rate_limit (
    id VARCHAR(64) PRIMARY KEY,
    state BYTEA,
    expires_at BIGINT
);
CREATE INDEX rate_limit_expires_at ON voting.rate_limit (expires_at);
