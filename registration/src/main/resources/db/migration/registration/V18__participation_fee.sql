-- The optional participation fee (issue 8): the election's fee as the voting module handed it over
-- (0: none), the payment a registrant started (a Stripe PaymentIntent, like card_setup_id for the
-- card), when it was paid, and the accounting record of each payment.
ALTER TABLE registration_window
    ADD COLUMN fee_cents    INTEGER    NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
    ADD COLUMN fee_currency VARCHAR(3) NOT NULL DEFAULT 'EUR';
ALTER TABLE registrant
    ADD COLUMN fee_payment_id VARCHAR(255),
    ADD COLUMN fee_paid_at    TIMESTAMP WITH TIME ZONE;

-- What accounting needs of each fee paid, and nothing of the card: the payment's id at the provider
-- (to refund it), the amount, the currency, when. One payment pays for one registration once (the
-- primary key). The row outlives the registrant's erasure (withdrawal, purge): registrant_id is then
-- emptied, and a withdrawal before the seal marks the payment's refund as due.
CREATE TABLE fee_payment (
    payment_id     VARCHAR(255) PRIMARY KEY,
    election_id    VARCHAR(36)  NOT NULL REFERENCES registration_window (election_id),
    registrant_id  VARCHAR(36)  UNIQUE REFERENCES registrant (id) ON DELETE SET NULL,
    amount_cents   INTEGER      NOT NULL CHECK (amount_cents > 0),
    currency       VARCHAR(3)   NOT NULL,
    paid_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    refund_due_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX fee_payment_election_idx ON fee_payment (election_id, paid_at);
