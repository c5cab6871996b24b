-- Members of an imported list: the organizer's member id, once per roll.
ALTER TABLE registrant ADD COLUMN member_id VARCHAR(64);
ALTER TABLE registrant ADD CONSTRAINT registrant_member_once UNIQUE (election_id, member_id);
