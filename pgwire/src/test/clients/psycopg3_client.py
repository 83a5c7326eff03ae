"""psycopg 3 against the Veles PostgreSQL listener: DDL, a bound vector k-NN, server-side binding."""
import sys

import psycopg

url = sys.argv[1]
with psycopg.connect(url, autocommit=True) as conn:
    with conn.cursor() as cur:
        cur.execute("CREATE TABLE items3 (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(3) NOT NULL, name VARCHAR(20)) WITH (metric = 'l2')")
        for i in range(1, 21):
            cur.execute("INSERT INTO items3 (id, v, name) VALUES (%s, %s::vector, %s)",
                        (i, "[%d,%d,%d]" % (i, i + 1, i + 2), "n%d" % i))
        cur.execute("SELECT id, name, v FROM items3 ORDER BY l2_distance(v, %s::vector) LIMIT 3", ("[5,6,7]",))
        rows = cur.fetchall()
        assert [r[0] for r in rows] == [5, 4, 6] or [r[0] for r in rows] == [5, 6, 4], rows
        assert rows[0][1] == "n5", rows
        assert rows[0][2] == "[5,6,7]", rows
        cur.execute("SELECT count(*), sum(id) FROM items3 WHERE id > %s", (10,))
        assert cur.fetchone() == (10, 155)
        try:
            cur.execute("SELECT * FROM missing_table")
            raise AssertionError("expected an error")
        except psycopg.errors.UndefinedTable as e:
            assert e.sqlstate == "42P01"
        cur.execute("SHOW server_version")
        assert cur.fetchone()[0].startswith("16")
print("psycopg3 ok")
