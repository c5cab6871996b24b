-- The card step: the provider's setup (a Stripe SetupIntent) a registrant started, so that only
-- that setup can prove their card. The card itself is never stored: only card_hash, a keyed hash
-- of the card's fingerprint.
ALTER TABLE registrant ADD COLUMN card_setup_id VARCHAR(255);
