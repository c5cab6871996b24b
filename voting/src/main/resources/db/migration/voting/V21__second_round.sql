-- A second round is a new election made from a counted one: it names its first round (same roll,
-- chosen candidates). A first round has none.
ALTER TABLE election ADD COLUMN first_round_id VARCHAR(36) REFERENCES election (id);
