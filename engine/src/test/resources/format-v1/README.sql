CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(4) NOT NULL, title VARCHAR(20), score DOUBLE) WITH (metric = 'l2');
INSERT INTO items VALUES (1, vec('[1, 0, 0, 0]'), 'one', 1.5), (2, vec('[0, 1, 0, 0]'), 'two', 2.5), (3, vec('[0, 0, 1, 0]'), NULL, 3.5), (4, vec('[0, 0, 0, 1]'), 'four', NULL), (5, vec('[1, 1, 0, 0]'), 'five', 5.5), (6, vec('[0, 1, 1, 0]'), 'six', 6.5);
DELETE FROM items WHERE id = 3;
UPSERT INTO items VALUES (2, vec('[0, 2, 0, 0]'), 'two again', 2.25);
INSERT INTO items VALUES (7, vec('[0.5, 0.5, 0.5, 0.5]'), 'seven', 7.5);
CREATE TABLE tags (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(10));
INSERT INTO tags VALUES (10, 'red'), (11, 'blue');
SELECT id, v, title, score FROM items ORDER BY id;
SELECT * FROM tags;
