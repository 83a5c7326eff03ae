"""SQLAlchemy 1.4's PostgreSQL dialect (psycopg2): connect, a bound k-NN and the inspector's
reflection (what Superset and other tools run to browse a database), answered from the live
catalog."""
import sys
import warnings

import sqlalchemy
from sqlalchemy import inspect, text

url = sys.argv[1].replace("postgresql://", "postgresql+psycopg2://")
engine = sqlalchemy.create_engine(url, isolation_level="AUTOCOMMIT")
with engine.connect() as conn:
    conn.execute(text("CREATE TABLE sa_items (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(3) NOT NULL, label VARCHAR(30), score DOUBLE)"))
    conn.execute(text("CREATE TABLE sa_other (k BIGINT NOT NULL PRIMARY KEY, w VECTOR(2) NOT NULL)"))
    conn.execute(text("INSERT INTO sa_items VALUES (1, ARRAY[1,0,0], 'x', 0.5), (2, ARRAY[0,1,0], 'y', 1.5)"))
    rows = conn.execute(text("SELECT id FROM sa_items ORDER BY l2_distance(v, :q) LIMIT 1"), {"q": "[0,1,0]"}).fetchall()
    assert rows == [(2,)], rows

insp = inspect(engine)
assert sorted(insp.get_table_names()) == ["sa_items", "sa_other"], insp.get_table_names()
assert "public" in insp.get_schema_names(), insp.get_schema_names()
with warnings.catch_warnings():
    # the vector type is pgvector's; SQLAlchemy alone does not know it (pgvector-python registers it)
    warnings.simplefilter("ignore", sqlalchemy.exc.SAWarning)
    cols = insp.get_columns("sa_items")
got = [(c["name"], type(c["type"]).__name__, c["nullable"]) for c in cols]
assert got == [("id", "BIGINT", False), ("v", "NullType", False), ("label", "VARCHAR", True),
               ("score", "DOUBLE_PRECISION", True)], got
pk = insp.get_pk_constraint("sa_items")
assert pk == {"constrained_columns": ["id"], "name": "sa_items_pkey"}, pk
assert insp.get_pk_constraint("sa_other")["constrained_columns"] == ["k"]
# the primary key's index is the only one, and the inspector lists non-primary indexes
assert insp.get_indexes("sa_items") == [], insp.get_indexes("sa_items")
assert insp.get_foreign_keys("sa_items") == []
assert insp.get_unique_constraints("sa_items") == []
assert insp.has_table("sa_items") and not insp.has_table("nope")
with engine.connect() as conn:
    conn.execute(text("DROP TABLE sa_other"))
assert inspect(engine).get_table_names() == ["sa_items"]
print("sqlalchemy ok")
