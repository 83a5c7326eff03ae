// node-postgres (pg) against the Veles PostgreSQL listener: a k-NN with the vector bound as text.
const { Client } = require('pg');

async function main() {
  const client = new Client({ connectionString: process.argv[2] });
  await client.connect();
  await client.query("CREATE TABLE itemsn (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(3) NOT NULL) WITH (metric = 'l2')");
  for (let i = 1; i <= 20; i++) {
    await client.query('INSERT INTO itemsn VALUES ($1, $2::vector)', [i, `[${i},${2 * i},0]`]);
  }
  const res = await client.query('SELECT id FROM itemsn ORDER BY l2_distance(v, $1::vector) LIMIT 3', ['[4,8,0]']);
  const ids = res.rows.map((r) => Number(r.id));
  if (ids[0] !== 4 || ids.length !== 3) throw new Error('unexpected k-NN result ' + JSON.stringify(ids));
  try {
    await client.query('SELECT * FROM nope');
    throw new Error('expected an error');
  } catch (e) {
    if (e.code !== '42P01') throw e;
  }
  await client.end();
  console.log('node pg ok');
}

main().catch((e) => { console.error(e); process.exit(1); });
