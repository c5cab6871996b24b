-- A message's parameters (a voting link with its credential, a ballot's receipt, an email-confirmation
-- link) are needed only to render it. Once it came to an end (sent, dead, skipped, cancelled,
-- withdrawn) they are forgotten, so that the outbox never keeps, next to a recipient, what links them
-- to a ballot of the box or lets someone vote in their place (docs/security.md, drill 8). The rendered
-- text is kept only for the demo's console channel, where the outbox is the recipient's mailbox
-- (production refuses the console channel). Enforced here, whatever statement ends a message:
-- OutboxMessage's methods, the campaign's cancel and withdraw, the adoption of a delivery report.
CREATE FUNCTION outbox_forget_what_was_sent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.parameters := '{}';
    IF NEW.provider IS DISTINCT FROM 'console' THEN
        NEW.rendered_text := NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER outbox_forget_what_was_sent
    BEFORE INSERT OR UPDATE ON outbox
    FOR EACH ROW
    WHEN (NEW.status IN ('SENT', 'DEAD', 'SKIPPED', 'CANCELLED', 'WITHDRAWN')
          AND (NEW.parameters <> '{}' OR (NEW.rendered_text IS NOT NULL AND NEW.provider IS DISTINCT FROM 'console')))
    EXECUTE FUNCTION outbox_forget_what_was_sent();

-- What ended before this version.
UPDATE outbox SET parameters = '{}'
    WHERE status IN ('SENT', 'DEAD', 'SKIPPED', 'CANCELLED', 'WITHDRAWN') AND parameters <> '{}';
