-- The console's roll search (docs/roll.md): an organizer, a bailiff, an operator or an auditor finds a
-- registrant of one election by the last digits of their phone, the beginning of their email address
-- or of their last name (the help code has its unique index already). Each search is a prefix range
-- scan of one of these indexes, never a scan of the roll: the phone is indexed reversed, so its last
-- digits are a prefix; text_pattern_ops makes LIKE 'prefix%' use the index under any collation.
CREATE INDEX registrant_phone_suffix_idx ON registrant (election_id, reverse(phone_e164) text_pattern_ops);
CREATE INDEX registrant_email_prefix_idx ON registrant (election_id, lower(email) text_pattern_ops);
CREATE INDEX registrant_last_name_prefix_idx ON registrant (election_id, lower(last_name) text_pattern_ops);
