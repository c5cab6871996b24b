-- An optional participation fee (issue 8; the 2017 open primaries asked 1 euro): in the currency's
-- cents, 0 for none. Set in the draft only, handed to registration when it opens, sealed
-- (registration.fee).
ALTER TABLE election ADD COLUMN fee_cents INTEGER NOT NULL DEFAULT 0 CHECK (fee_cents = 0 OR fee_cents BETWEEN 50 AND 10000);
ALTER TABLE election ADD COLUMN fee_currency VARCHAR(3) NOT NULL DEFAULT 'EUR' CHECK (fee_currency ~ '^[A-Z]{3}$');
