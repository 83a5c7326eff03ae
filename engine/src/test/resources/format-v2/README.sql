-- A database in format v2 (vectors.dat slots with a 16-byte id + CRC32C trailer, collection.json
-- with a crc32c member), written by commit 5aae512 through the engine API:
--   the format-v1 fixture opened writable (upgraded to v2), then
INSERT INTO items VALUES (9, vec('[9, 9, 9, 9]'), 'nine', 9.0);
DELETE FROM items WHERE id = 9;
UPSERT INTO items VALUES (5, vec('[1, 1, 0, 0]'), 'five', 5.5);
CALL flush();  -- and a clean close (checkpoint)
-- then a second session closed WITHOUT a checkpoint, so these stay in the WALs:
INSERT INTO items VALUES (12, vec('[1, 2, 3, 4]'), 'twelve', 12.0);
DELETE FROM items WHERE id = 12;
UPSERT INTO tags VALUES (11, 'blue');
CALL flush();
-- Rows: the same as format-v1 (items 1, 2, 4, 5, 6, 7; tags 10, 11).
