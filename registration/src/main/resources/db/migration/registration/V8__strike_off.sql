-- A registrant on the roll can be struck off it (docs/strike-offs.md): by an organizer while
-- registration is open, by an organizer and a bailiff once the roll is frozen (voting keeps the two
-- signatures). The ledger says it (STRUCK_OFF, with the reason code, never a name); the registrant
-- keeps the reason, which they read on their status page.
ALTER TABLE registrant DROP CONSTRAINT registrant_status_check;
ALTER TABLE registrant ADD CONSTRAINT registrant_status_check
    CHECK (status IN ('PENDING', 'ON_ROLL', 'STRUCK_OFF'));
ALTER TABLE registrant
    ADD COLUMN struck_off_at     TIMESTAMP WITH TIME ZONE,
    ADD COLUMN struck_off_reason VARCHAR(30);
ALTER TABLE registrant ADD CONSTRAINT registrant_struck_off_said
    CHECK ((status = 'STRUCK_OFF') = (struck_off_at IS NOT NULL AND struck_off_reason IS NOT NULL));
