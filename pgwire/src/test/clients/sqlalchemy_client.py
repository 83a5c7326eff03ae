"""SQLAlchemy 1.4's PostgreSQL dialect (psycopg2): connect, a bound k-NN, the inspector's table list.

get_columns() and get_pk_constraint() need more of pg_catalog than is emulated (json_build_object,
pg_sequence, a column alias named DEFAULT): not covered yet.
"""
import sys

import sqlalchemy
from sqlalchemy import inspect, text

url = sys.argv[1].replace("postgresql://", "postgresql+psycopg2://")
engine = sqlalchemy.create_engine(url, isolation_level="AUTOCOMMIT")
with engine.connect() as conn:
    conn.execute(text("CREATE TABLE sa_items (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(3) NOT NULL, label VARCHAR(30))"))
    conn.execute(text("INSERT INTO sa_items VALUES (1, ARRAY[1,0,0], 'x'), (2, ARRAY[0,1,0], 'y')"))
    rows = conn.execute(text("SELECT id FROM sa_items ORDER BY l2_distance(v, :q) LIMIT 1"), {"q": "[0,1,0]"}).fetchall()
    assert rows == [(2,)], rows
insp = inspect(engine)
names = insp.get_table_names()
assert "sa_items" in names, names
print("sqlalchemy ok")
