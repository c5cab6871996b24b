-- Elections, their candidates in ballot order, and their grade scale (worst grade first).
CREATE TABLE election (
    id                     VARCHAR(36)  PRIMARY KEY,
    title                  VARCHAR(200) NOT NULL CHECK (length(btrim(title)) > 0),
    state                  VARCHAR(20)  NOT NULL CHECK (state IN
                               ('DRAFT', 'REGISTRATION', 'SEALED', 'VOTING', 'CLOSED', 'COUNTED', 'PUBLISHED')),
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    registration_opened_at TIMESTAMP WITH TIME ZONE,
    version                BIGINT       NOT NULL DEFAULT 0,
    CHECK (state = 'DRAFT' OR registration_opened_at IS NOT NULL)
);

CREATE INDEX election_state_idx ON election (state);

CREATE TABLE candidate (
    election_id VARCHAR(36)  NOT NULL REFERENCES election (id),
    position    INTEGER      NOT NULL CHECK (position >= 0),
    name        VARCHAR(200) NOT NULL,
    PRIMARY KEY (election_id, position)
);

CREATE TABLE grade (
    election_id VARCHAR(36) NOT NULL REFERENCES election (id),
    position    INTEGER     NOT NULL CHECK (position >= 0 AND position < 7),
    name        VARCHAR(40) NOT NULL,
    PRIMARY KEY (election_id, position)
);

-- Organizers, bailiffs and trustees who sign in to the admin console.
CREATE TABLE admin_account (
    username      VARCHAR(64)  PRIMARY KEY,
    password_hash VARCHAR(512) NOT NULL,
    roles         VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A candidate appears once per ballot, whatever the case of their name.
CREATE UNIQUE INDEX candidate_name_uq ON candidate (election_id, lower(name));
