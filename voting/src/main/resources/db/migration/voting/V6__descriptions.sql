-- What citizens read about an election and its candidates (frozen with the seal proposal).
ALTER TABLE election ADD COLUMN description VARCHAR(2000);
ALTER TABLE candidate
    ADD COLUMN party      VARCHAR(200),
    ADD COLUMN photo_url  VARCHAR(500),
    ADD COLUMN statement  VARCHAR(2000);
