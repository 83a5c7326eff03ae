"""psycopg2 against the Veles PostgreSQL listener: client-side interpolation over the simple protocol."""
import sys

import psycopg2
import psycopg2.errors

url = sys.argv[1]
conn = psycopg2.connect(url)
conn.autocommit = True
cur = conn.cursor()
cur.execute("CREATE TABLE items2 (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(3) NOT NULL, score DOUBLE, ok BOOLEAN)")
cur.executemany("INSERT INTO items2 VALUES (%s, %s::vector, %s, %s)",
                [(i, "[%d,0,0]" % i, i / 4.0, i % 2 == 0) for i in range(1, 11)])
cur.execute("SELECT id, score, ok FROM items2 ORDER BY l2_distance(v, %s::vector) LIMIT 2", ("[3,0,0]",))
rows = cur.fetchall()
assert rows[0] == (3, 0.75, False), rows
cur.execute("SELECT id FROM items2 WHERE id = %s; SELECT count(*) FROM items2", (7,))
assert cur.fetchall() == [(10,)]
try:
    cur.execute("SELEC 1")
    raise AssertionError("expected an error")
except psycopg2.errors.SyntaxError as e:
    assert e.pgcode == "42601"
conn.close()
print("psycopg2 ok")
