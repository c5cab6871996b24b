-- A second round's roll is its first round's frozen roll: the window names the first round, and
-- nobody registers to it (its voters are carried over, one CARRIED_OVER ledger entry each).
ALTER TABLE registration_window ADD COLUMN carried_from VARCHAR(36);
