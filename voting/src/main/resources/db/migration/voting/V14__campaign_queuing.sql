-- A campaign sent now is queued in the background (docs/campaigns.md): the organizer's request
-- returns at once with the campaign QUEUING, and one instance holds a lease on it while it hands
-- the audience to the outbox page by page (renewed with each page). An instance that dies midway
-- leaves its lease to run out; the voting clock then hands the campaign to another, which adds only
-- what is missing (a page handed twice adds nothing).
ALTER TABLE election_campaign DROP CONSTRAINT election_campaign_state_check;
ALTER TABLE election_campaign ADD CONSTRAINT election_campaign_state_check
    CHECK (state IN ('DRAFT', 'SCHEDULED', 'QUEUING', 'QUEUED', 'CANCELLED'));
ALTER TABLE election_campaign ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
CREATE INDEX election_campaign_queuing_idx ON election_campaign (campaign_id) WHERE state = 'QUEUING';
