INSERT INTO sample (id, name) VALUES (1, 'first');
