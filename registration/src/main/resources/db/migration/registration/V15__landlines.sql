-- A path for citizens without a mobile phone: when the election accepts it, a landline of an allowed
-- country is the registrant's phone (still once per roll: registrant_phone_once), and its code
-- comes only by voice call.
ALTER TABLE registration_window ADD COLUMN accept_landlines BOOLEAN NOT NULL DEFAULT FALSE;
