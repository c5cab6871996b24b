-- A path for citizens without a mobile phone (README, "Registering without a mobile"): when the organizer enables it,
-- a French (or other allowed country's) landline is accepted as the phone, its code sent only by
-- voice call. Set in the draft, frozen with the other registration rules, handed to registration.
ALTER TABLE election ADD COLUMN landline_voice_code BOOLEAN NOT NULL DEFAULT FALSE;
