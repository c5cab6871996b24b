-- How citizens get on each election's roll (handed to the registration module when it opens).
ALTER TABLE election
    ADD COLUMN required_factors  VARCHAR(40)  NOT NULL DEFAULT 'EMAIL,PHONE',
    ADD COLUMN allowed_countries VARCHAR(400) NOT NULL DEFAULT 'FR,GP,MQ,GF,RE,YT',
    ADD COLUMN roll_mode         VARCHAR(10)  NOT NULL DEFAULT 'OPEN' CHECK (roll_mode IN ('OPEN', 'IMPORTED'));
