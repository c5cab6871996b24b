-- The count's official record (docs/minutes.md) names the trustees who took part and when the
-- count started: kept when the k-th share arrives (a failed count that is started again replaces them).
ALTER TABLE election
    ADD COLUMN count_started_at  TIMESTAMP WITH TIME ZONE,
    -- the trustees whose shares rebuilt the key, "position:account" comma-separated, by position
    ADD COLUMN count_trustees    VARCHAR(1400);
