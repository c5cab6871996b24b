-- The console's roll search ignores accents and case (issue 11): "Helene" finds "Hélène", "LEFEVRE"
-- finds "Lefèvre". registration.fold(text) is lower(unaccent(text)) with PostgreSQL's unaccent
-- extension (shipped with PostgreSQL's contrib, and trusted: a database owner may create it); where
-- it cannot be created, a fold of its own by translate() over the Latin letters with diacritics
-- (without unaccent's ligatures: œ stays œ). The function is IMMUTABLE so that it can be indexed:
-- the last name's prefix index is now on the folded name (V10's index on lower() is replaced, so a
-- registration writes as many index entries as before).
DO $$
DECLARE
    ns TEXT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent') THEN
        BEGIN
            CREATE EXTENSION unaccent SCHEMA registration;
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE 'unaccent cannot be created (%): the roll search folds accents by translate()', SQLERRM;
        END;
    END IF;
    SELECT extnamespace::regnamespace::text INTO ns FROM pg_extension WHERE extname = 'unaccent';
    IF ns IS NOT NULL THEN
        EXECUTE format('CREATE FUNCTION registration.fold(TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT'
            || ' PARALLEL SAFE AS %L', format('SELECT lower(%s.unaccent(%L::regdictionary, $1))', ns, ns || '.unaccent'));
    ELSE
        CREATE FUNCTION registration.fold(TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
            $f$ SELECT translate(lower($1), 'àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž',
                'aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzz') $f$;
    END IF;
END $$;

DROP INDEX registrant_last_name_prefix_idx;
CREATE INDEX registrant_last_name_folded_idx ON registrant (election_id, registration.fold(last_name) text_pattern_ops);
