package dev.veles.pgwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pgjdbc, the PostgreSQL JDBC driver, against the wire protocol listener. */
class PgJdbcTest {
  @TempDir Path dir;
  private PgServer server;

  @BeforeEach
  void start() throws Exception {
    server = PgServer.builder().url("jdbc:veles:path=" + dir + ";create=true").port(0).start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private Connection connect(Properties extra) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "tester");
    p.putAll(extra);
    return DriverManager.getConnection(server.jdbcUrl(), p);
  }

  private Connection connect() throws SQLException {
    return connect(new Properties());
  }

  @Test
  void simpleAndPreparedStatementsWithEveryType() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(3) NOT NULL, name VARCHAR(20),"
              + " x DOUBLE, f REAL, i INTEGER, b BOOLEAN, d DATE, ts TIMESTAMP) WITH (metric = 'l2')");
      assertEquals(
          1,
          s.executeUpdate(
              "INSERT INTO t VALUES (1, ARRAY[1,2,3], 'a', 1.5, 2.5, 3, true, DATE '2020-01-02',"
                  + " TIMESTAMP '2020-01-02 03:04:05.123')"));
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO t (id, v, name, x, i, b) VALUES (?, ?::vector, ?, ?, ?, ?)")) {
        for (int k = 2; k <= 11; k++) {
          ps.setLong(1, k);
          ps.setString(2, "[" + k + "," + (k + 1) + "," + (k + 2) + "]");
          ps.setString(3, "n" + k);
          ps.setDouble(4, k / 2.0);
          ps.setInt(5, k);
          ps.setBoolean(6, k % 2 == 0);
          assertEquals(1, ps.executeUpdate());
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT * FROM t WHERE id = 1")) {
        ResultSetMetaData md = rs.getMetaData();
        assertEquals("int8", md.getColumnTypeName(1));
        assertEquals("varchar", md.getColumnTypeName(3));
        assertEquals("float8", md.getColumnTypeName(4));
        assertEquals("timestamp", md.getColumnTypeName(9));
        assertTrue(rs.next());
        assertEquals(1L, rs.getLong("id"));
        assertEquals("[1,2,3]", rs.getString("v"));
        assertEquals("a", rs.getString("name"));
        assertEquals(1.5, rs.getDouble("x"));
        assertEquals(2.5f, rs.getFloat("f"));
        assertEquals(3, rs.getInt("i"));
        assertTrue(rs.getBoolean("b"));
        assertEquals(java.sql.Date.valueOf("2020-01-02"), rs.getDate("d"));
        assertEquals(java.sql.Timestamp.valueOf("2020-01-02 03:04:05.123"), rs.getTimestamp("ts"));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void onConflictAndReturningThroughPgjdbc() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE r (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL, n INTEGER)");
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO r VALUES (?, '[1,2]', 1) ON CONFLICT (id) DO UPDATE SET n = r.n + 1"
                  + " RETURNING id, n")) {
        for (int round = 1; round <= 2; round++) {
          ps.setLong(1, 5);
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(5, rs.getLong(1));
            assertEquals(round, rs.getInt(2));
            assertFalse(rs.next());
          }
        }
      }
      assertEquals(
          0, s.executeUpdate("INSERT INTO r VALUES (5, '[0,0]', 9) ON CONFLICT DO NOTHING"));
      try (ResultSet rs = s.executeQuery("DELETE FROM r WHERE id = 5 RETURNING n")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
      }
    }
  }

  @Test
  void knnWithVectorBoundAsPgObjectTextAndReusedBinary() throws Exception {
    long seed = System.nanoTime();
    System.out.println("seed " + seed);
    Random r = new Random(seed);
    int n = 200;
    float[][] rows = new float[n][4];
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE e (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(4) NOT NULL) WITH (metric = 'l2')");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO e VALUES (?, ?::vector)")) {
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < 4; j++) {
            rows[i][j] = r.nextFloat();
          }
          ps.setLong(1, i);
          ps.setString(2, java.util.Arrays.toString(rows[i]).replace(" ", ""));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      // prepareThreshold 1: pgjdbc switches to a named server statement and binary results.
      try (Connection c2 = connect(props("prepareThreshold", "1"));
          PreparedStatement q =
              c2.prepareStatement(
                  "SELECT id, v FROM e ORDER BY l2_distance(v, ?::vector) LIMIT 5")) {
        for (int round = 0; round < 5; round++) {
          float[] query = rows[r.nextInt(n)];
          q.setString(1, java.util.Arrays.toString(query).replace(" ", ""));
          try (ResultSet rs = q.executeQuery()) {
            assertTrue(rs.next());
            float[] back = PgValues.parseVector(rs.getString(2));
            assertArrayEquals(query, back, 0f);
            int count = 1;
            while (rs.next()) {
              count++;
            }
            assertEquals(5, count);
          }
        }
      }
    }
  }

  /**
   * pgvector's Java client as its README sets it up: {@code PGvector.registerTypes} makes pgjdbc
   * send and read vectors in pgvector's binary form, exact to the bit.
   */
  @Test
  void pgvectorJavaBindsAndReadsVectorsInBinary() throws Exception {
    float[][] rows = {
      {0.1f, -0.0f, 1f / 3, Float.MIN_VALUE},
      {1e-30f, 2.5f, -7f, Float.MAX_VALUE / 4},
      {3f, 3f, 3f, 3f},
    };
    try (Connection c = connect(props("prepareThreshold", "1"));
        Statement s = c.createStatement()) {
      com.pgvector.PGvector.registerTypes(c);
      int oid;
      try (ResultSet rs = s.executeQuery("SELECT 'vector'::regtype::oid")) {
        assertTrue(rs.next());
        oid = rs.getInt(1);
      }
      var pg = c.unwrap(org.postgresql.core.BaseConnection.class);
      assertTrue(pg.binaryTransferSend(oid), "pgjdbc sends vectors in binary");
      s.execute(
          "CREATE TABLE pgv (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(4) NOT NULL)"
              + " WITH (metric = 'l2')");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO pgv VALUES (?, ?)")) {
        for (int i = 0; i < rows.length; i++) {
          ps.setLong(1, i);
          ps.setObject(2, new com.pgvector.PGvector(rows[i]));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement q =
          c.prepareStatement("SELECT id, v FROM pgv ORDER BY v <-> ?::vector LIMIT 3")) {
        for (int round = 0; round < 3; round++) {
          for (int i = 0; i < rows.length; i++) {
            q.setObject(1, new com.pgvector.PGvector(rows[i]));
            try (ResultSet rs = q.executeQuery()) {
              assertTrue(rs.next());
              assertEquals(i, rs.getLong(1));
              Object back = rs.getObject(2);
              assertTrue(back instanceof com.pgvector.PGvector, back.getClass()::toString);
              float[] got = ((com.pgvector.PGvector) back).toArray();
              for (int j = 0; j < got.length; j++) {
                assertEquals(
                    Float.floatToRawIntBits(rows[i][j]), Float.floatToRawIntBits(got[j]), "" + j);
              }
            }
          }
        }
      }
    }
  }

  private static Properties props(String k, String v) {
    Properties p = new Properties();
    p.setProperty(k, v);
    return p;
  }

  @Test
  void fetchSizeSuspendsThePortal() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE f (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
      StringBuilder sb = new StringBuilder("INSERT INTO f VALUES ");
      for (int i = 0; i < 100; i++) {
        sb.append(i == 0 ? "" : ",")
            .append("(")
            .append(i)
            .append(", ARRAY[")
            .append(i)
            .append(",0])");
      }
      s.execute(sb.toString());
      c.setAutoCommit(true);
      // pgjdbc uses a portal with a row limit only inside a transaction; with autocommit it reads
      // everything, so fetch size exercises Execute's maxRows through a transaction when there is
      // one and through a plain Execute otherwise.
      s.setFetchSize(7);
      long total = 0;
      try (ResultSet rs = s.executeQuery("SELECT id FROM f")) {
        while (rs.next()) {
          total += rs.getLong(1);
        }
      }
      assertEquals(99 * 100 / 2, total);
    }
  }

  @Test
  void errorsCarrySqlStateAndPositionAndTheSessionGoesOn() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM nope"));
      assertEquals("42P01", e.getSQLState());
      // the position travels in the ErrorResponse's P field (1-based), not in the message
      org.postgresql.util.ServerErrorMessage m =
          ((org.postgresql.util.PSQLException) e).getServerErrorMessage();
      assertEquals(15, m.getPosition(), String.valueOf(m));
      assertEquals("relation \"nope\" does not exist", m.getMessage());
      e =
          assertThrows(
              SQLException.class, () -> s.executeQuery("SELECT id FROM\n  nope WHERE id = 1"));
      assertEquals(
          18, ((org.postgresql.util.PSQLException) e).getServerErrorMessage().getPosition());
      e = assertThrows(SQLException.class, () -> s.executeQuery("SELEC 1"));
      assertEquals("42601", e.getSQLState());
      e =
          assertThrows(
              SQLException.class, () -> s.executeQuery("SELECT 1 FROM (VALUES (1)) WHERE"));
      assertEquals("42601", e.getSQLState());
      m = ((org.postgresql.util.PSQLException) e).getServerErrorMessage();
      assertEquals("syntax error at end of input", m.getMessage());
      assertEquals(32, m.getPosition(), String.valueOf(m));
      e = assertThrows(SQLException.class, () -> s.execute("CREATE EXTENSION postgis"));
      assertEquals("0A000", e.getSQLState());
      s.execute("CREATE EXTENSION IF NOT EXISTS vector");
      // pgjdbc sends BEGIN with the first statement after setAutoCommit(false): a real
      // transaction, rolled back and then committed, with a savepoint in between.
      s.execute("CREATE TABLE txt (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
      try (Connection tx = connect();
          Statement ts = tx.createStatement()) {
        tx.setAutoCommit(false);
        ts.execute("INSERT INTO txt VALUES (1, '[1,0]')");
        tx.rollback();
        ts.execute("INSERT INTO txt VALUES (2, '[0,1]')");
        java.sql.Savepoint sp = tx.setSavepoint("sp");
        ts.execute("INSERT INTO txt VALUES (3, '[1,1]')");
        tx.rollback(sp);
        try (ResultSet other = s.executeQuery("SELECT COUNT(*) FROM txt")) {
          assertTrue(other.next());
          assertEquals(0, other.getInt(1), "another session sees nothing uncommitted");
        }
        tx.commit();
      }
      try (ResultSet rs = s.executeQuery("SELECT id FROM txt")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
        assertFalse(rs.next());
      }
      try (ResultSet rs = s.executeQuery("SELECT 1 + 1")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
      }
    }
  }

  @Test
  void setShowAndSettings() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("SET hnsw.ef_search = 100");
      try (ResultSet rs = s.executeQuery("SHOW hnsw.ef_search")) {
        assertTrue(rs.next());
        assertEquals("100", rs.getString(1));
      }
      s.execute("SET work_mem = '64MB'");
      try (ResultSet rs = s.executeQuery("SHOW work_mem")) {
        assertTrue(rs.next());
        assertEquals("64MB", rs.getString(1));
      }
      s.execute("RESET work_mem");
      try (ResultSet rs = s.executeQuery("SHOW work_mem")) {
        assertTrue(rs.next());
        assertEquals("4MB", rs.getString(1));
      }
      try (ResultSet rs = s.executeQuery("SELECT version()")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).startsWith("PostgreSQL 16"));
      }
      try (ResultSet rs =
          s.executeQuery("SELECT oid FROM pg_catalog.pg_type WHERE typname = 'vector'")) {
        assertTrue(rs.next());
        assertEquals(PgType.VECTOR_OID, rs.getInt(1));
      }
    }
  }

  @Test
  void viewsArePgClassRelationsOfKindV() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE vw_base (id BIGINT PRIMARY KEY, title TEXT)");
      s.execute("INSERT INTO vw_base VALUES (1, 'a'), (2, 'b')");
      s.execute("CREATE VIEW vw_first AS SELECT title FROM vw_base WHERE id = 1");
      java.util.List<String> kinds = new java.util.ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT relname, relkind FROM pg_class WHERE relname LIKE 'vw%' ORDER BY relname")) {
        while (rs.next()) {
          kinds.add(rs.getString(1) + ":" + rs.getString(2));
        }
      }
      assertEquals(java.util.List.of("vw_base:r", "vw_base_pkey:i", "vw_first:v"), kinds);
      // pgjdbc asks pg_class for relkind 'v' when a tool lists views
      java.sql.DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getTables(null, "public", "vw%", new String[] {"VIEW"})) {
        assertTrue(rs.next());
        assertEquals("vw_first", rs.getString("TABLE_NAME"));
        assertEquals("VIEW", rs.getString("TABLE_TYPE"));
        assertFalse(rs.next());
      }
      try (ResultSet rs = s.executeQuery("SELECT * FROM vw_first")) {
        assertTrue(rs.next());
        assertEquals("a", rs.getString(1));
      }
      s.execute("DROP VIEW vw_first");
      s.execute("DROP TABLE vw_base");
    }
  }

  @Test
  void databaseMetaDataAnswersFromTheLiveCatalog() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE meta_docs (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(3) NOT NULL,"
              + " title VARCHAR(40), score DOUBLE)");
      s.execute("CREATE TABLE meta_other (k BIGINT NOT NULL PRIMARY KEY, w VECTOR(2) NOT NULL)");
      java.sql.DatabaseMetaData md = c.getMetaData();
      java.util.List<String> tables = new java.util.ArrayList<>();
      try (ResultSet rs = md.getTables(null, "public", "meta%", new String[] {"TABLE"})) {
        while (rs.next()) {
          assertEquals("TABLE", rs.getString("TABLE_TYPE"));
          assertEquals("public", rs.getString("TABLE_SCHEM"));
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertEquals(java.util.List.of("meta_docs", "meta_other"), tables);
      s.execute("DROP TABLE meta_other");
      try (ResultSet rs = md.getTables(null, null, "meta_other", null)) {
        assertFalse(rs.next(), "a dropped table is gone from the catalog");
      }
      java.util.List<String> columns = new java.util.ArrayList<>();
      try (ResultSet rs = md.getColumns(null, "public", "meta_docs", null)) {
        while (rs.next()) {
          columns.add(
              rs.getString("COLUMN_NAME")
                  + ":"
                  + rs.getString("TYPE_NAME")
                  + ":"
                  + rs.getInt("DATA_TYPE")
                  + ":"
                  + rs.getString("IS_NULLABLE")
                  + ":"
                  + rs.getInt("ORDINAL_POSITION"));
        }
      }
      assertEquals(
          java.util.List.of(
              "id:int8:" + java.sql.Types.BIGINT + ":NO:1",
              "v:vector:" + java.sql.Types.OTHER + ":NO:2",
              "title:varchar:" + java.sql.Types.VARCHAR + ":YES:3",
              "score:float8:" + java.sql.Types.DOUBLE + ":YES:4"),
          columns);
      try (ResultSet rs = md.getPrimaryKeys(null, "public", "meta_docs")) {
        assertTrue(rs.next());
        assertEquals("id", rs.getString("COLUMN_NAME"));
        assertEquals(1, rs.getInt("KEY_SEQ"));
        assertEquals("meta_docs_pkey", rs.getString("PK_NAME"));
        assertFalse(rs.next());
      }
      // Veles has no foreign keys: pgjdbc's own catalog queries answer, empty
      try (ResultSet rs = md.getImportedKeys(null, "public", "meta_docs")) {
        assertEquals("PKTABLE_NAME", rs.getMetaData().getColumnLabel(3));
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getExportedKeys(null, "public", "meta_docs")) {
        assertEquals("FKCOLUMN_NAME", rs.getMetaData().getColumnLabel(8));
        assertFalse(rs.next());
      }
      try (ResultSet rs =
          md.getCrossReference(null, "public", "meta_docs", null, "public", "meta_other")) {
        assertFalse(rs.next());
      }
      s.execute("INSERT INTO meta_docs (id, v) VALUES (1, ARRAY[1,0,0]), (2, ARRAY[0,1,0])");
      try (ResultSet rs = s.executeQuery("SELECT count(*), max(id) + 1 FROM meta_docs")) {
        assertEquals("count", rs.getMetaData().getColumnName(1), "named as PostgreSQL names it");
        assertEquals("?column?", rs.getMetaData().getColumnName(2));
        assertTrue(rs.next());
        assertEquals(2, rs.getLong(1));
      }
      try (ResultSet rs = md.getIndexInfo(null, "public", "meta_docs", false, true)) {
        assertTrue(rs.next());
        assertEquals("meta_docs_pkey", rs.getString("INDEX_NAME"));
        assertEquals("id", rs.getString("COLUMN_NAME"));
        assertFalse(rs.getBoolean("NON_UNIQUE"));
        assertEquals(1, rs.getInt("ORDINAL_POSITION"));
        assertEquals("A", rs.getString("ASC_OR_DESC"));
        assertEquals(2, rs.getLong("CARDINALITY"), "the live row count");
        assertFalse(rs.next());
      }
      // secondary indexes: listed by getIndexInfo (unique first, then by name and position)
      s.execute("CREATE INDEX meta_docs_ts ON meta_docs (title, score)");
      s.execute("CREATE UNIQUE INDEX meta_docs_s ON meta_docs (score)");
      java.util.List<String> indexes = new java.util.ArrayList<>();
      try (ResultSet rs = md.getIndexInfo(null, "public", "meta_docs", false, true)) {
        while (rs.next()) {
          indexes.add(
              rs.getString("INDEX_NAME")
                  + ":"
                  + rs.getBoolean("NON_UNIQUE")
                  + ":"
                  + rs.getInt("ORDINAL_POSITION")
                  + ":"
                  + rs.getString("COLUMN_NAME"));
        }
      }
      assertEquals(
          java.util.List.of(
              "meta_docs_pkey:false:1:id",
              "meta_docs_s:false:1:score",
              "meta_docs_ts:true:1:title",
              "meta_docs_ts:true:2:score"),
          indexes);
      s.execute("DROP INDEX meta_docs_ts");
      s.execute("DROP INDEX meta_docs_s");
      java.util.Map<String, Integer> types = new java.util.HashMap<>();
      try (ResultSet rs = md.getTypeInfo()) {
        while (rs.next()) {
          types.put(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"));
        }
      }
      assertEquals(java.sql.Types.BIGINT, types.get("int8"));
      assertEquals(java.sql.Types.VARCHAR, types.get("varchar"));
      assertEquals(java.sql.Types.OTHER, types.get("vector"));
      java.util.List<String> schemas = new java.util.ArrayList<>();
      try (ResultSet rs = md.getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertTrue(schemas.contains("public") && schemas.contains("pg_catalog"), schemas::toString);
    }
  }

  @Test
  void columnDefaultsAndIdentityColumnsInGetColumns() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE dflt (id SERIAL PRIMARY KEY, v VECTOR(2) NOT NULL, n INTEGER DEFAULT 7,"
              + " neg BIGINT DEFAULT -1, x DOUBLE DEFAULT 1.5, label VARCHAR(10) DEFAULT 'it''s',"
              + " ok BOOLEAN DEFAULT TRUE, created TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
              + " d DATE DEFAULT CURRENT_DATE, u UUID DEFAULT gen_random_uuid(),"
              + " nothing INTEGER DEFAULT NULL, plain INTEGER)");
      s.execute(
          "CREATE TABLE always_id (k BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, w INT)");
      java.util.Map<String, String> seen = new java.util.LinkedHashMap<>();
      try (ResultSet rs = c.getMetaData().getColumns(null, "public", "dflt", null)) {
        while (rs.next()) {
          seen.put(
              rs.getString("COLUMN_NAME"),
              rs.getString("COLUMN_DEF") + " | " + rs.getString("IS_AUTOINCREMENT"));
        }
      }
      java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
      expected.put("id", "null | YES");
      expected.put("v", "null | NO");
      expected.put("n", "7 | NO");
      expected.put("neg", "'-1'::bigint | NO");
      expected.put("x", "1.5 | NO");
      expected.put("label", "'it''s'::character varying | NO");
      expected.put("ok", "true | NO");
      expected.put("created", "CURRENT_TIMESTAMP | NO");
      expected.put("d", "CURRENT_DATE | NO");
      expected.put("u", "gen_random_uuid() | NO");
      expected.put("nothing", "null | NO");
      expected.put("plain", "null | NO");
      assertEquals(expected, seen);
      try (ResultSet rs = c.getMetaData().getColumns(null, "public", "always_id", "k")) {
        assertTrue(rs.next());
        assertEquals("YES", rs.getString("IS_AUTOINCREMENT"));
        assertEquals(null, rs.getString("COLUMN_DEF"));
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT a.attname, a.attidentity, a.atthasdef FROM pg_catalog.pg_attribute a"
                  + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                  + " WHERE c.relname IN ('dflt', 'always_id') AND a.attname IN ('id', 'k', 'n')"
                  + " ORDER BY a.attname")) {
        assertTrue(rs.next());
        assertEquals(
            "id:d:false", rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getBoolean(3));
        assertTrue(rs.next());
        assertEquals("k:a:false", rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getBoolean(3));
        assertTrue(rs.next());
        assertEquals("n::true", rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getBoolean(3));
      }
      // the defaults are the ones INSERT applies
      s.execute("INSERT INTO dflt (v) VALUES ('[1,2]')");
      try (ResultSet rs = s.executeQuery("SELECT id, n, neg, x, label, ok FROM dflt")) {
        assertTrue(rs.next());
        assertEquals(
            "7 -1 1.5 it's true",
            rs.getInt(2)
                + " "
                + rs.getLong(3)
                + " "
                + rs.getDouble(4)
                + " "
                + rs.getString(5)
                + " "
                + rs.getBoolean(6));
      }
      // a default changed by ALTER TABLE is the catalog's at once
      s.execute("ALTER TABLE dflt ALTER COLUMN plain SET DEFAULT 3");
      try (ResultSet rs = c.getMetaData().getColumns(null, "public", "dflt", "plain")) {
        assertTrue(rs.next());
        assertEquals("3", rs.getString("COLUMN_DEF"));
      }
    }
  }

  @Test
  void proceduresAndFunctionsFromPgProc() throws Exception {
    try (Connection c = connect()) {
      java.sql.DatabaseMetaData md = c.getMetaData();
      java.util.List<String> procs = new java.util.ArrayList<>();
      try (ResultSet rs = md.getProcedures(null, "public", "%")) {
        while (rs.next()) {
          procs.add(rs.getString("PROCEDURE_NAME"));
          if (rs.getString("PROCEDURE_NAME").equals("flush")) {
            assertEquals("makes every acknowledged write durable", rs.getString("REMARKS"));
          }
        }
      }
      assertTrue(
          procs.containsAll(java.util.List.of("check", "compact", "flush")), procs::toString);
      assertFalse(procs.contains("l2_distance"), procs::toString);
      java.util.List<String> columns = new java.util.ArrayList<>();
      try (ResultSet rs = md.getProcedureColumns(null, "public", "compact", null)) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
        }
      }
      assertEquals(java.util.List.of("returnValue:void", "table_name:text"), columns);
      java.util.List<String> functions = new java.util.ArrayList<>();
      try (ResultSet rs = md.getFunctions(null, "public", "%")) {
        while (rs.next()) {
          functions.add(rs.getString("FUNCTION_NAME") + ":" + rs.getShort("FUNCTION_TYPE"));
        }
      }
      assertTrue(
          functions.containsAll(
              java.util.List.of(
                  "cosine_distance:" + java.sql.DatabaseMetaData.functionNoTable,
                  "l2_distance:" + java.sql.DatabaseMetaData.functionNoTable,
                  "vector_dims:" + java.sql.DatabaseMetaData.functionNoTable,
                  "knn:" + java.sql.DatabaseMetaData.functionReturnsTable)),
          functions::toString);
      assertFalse(functions.stream().anyMatch(f -> f.contains("$")), functions::toString);
      assertFalse(functions.contains("flush:1"), functions::toString);
      columns.clear();
      try (ResultSet rs = md.getFunctionColumns(null, "public", "l2_distance", null)) {
        while (rs.next()) {
          columns.add(
              rs.getString("COLUMN_NAME")
                  + ":"
                  + rs.getString("TYPE_NAME")
                  + ":"
                  + rs.getShort("COLUMN_TYPE"));
        }
      }
      assertEquals(
          java.util.List.of(
              "returnValue:float8:" + java.sql.DatabaseMetaData.functionReturn,
              "$1:vector:" + java.sql.DatabaseMetaData.functionColumnIn,
              "$2:vector:" + java.sql.DatabaseMetaData.functionColumnIn),
          columns);
      // what is listed is callable: each public function and procedure by its listed signature
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE fn (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
        s.execute("INSERT INTO fn VALUES (1, '[3,4]')");
        try (ResultSet rs =
            s.executeQuery(
                "SELECT l2_distance(v, '[0,0]'::vector), vector_dims(v), vector_norm(v) FROM fn")) {
          assertTrue(rs.next());
          assertEquals(5.0, rs.getDouble(1), 1e-6);
          assertEquals(2, rs.getInt(2));
        }
        s.execute("CALL flush()");
        s.execute("CALL compact('fn')");
        try (ResultSet rs =
            s.executeQuery(
                "SELECT pg_get_function_arguments(p.oid), pg_get_function_result(p.oid)"
                    + " FROM pg_catalog.pg_proc p WHERE p.proname = 'knn'")) {
          assertTrue(rs.next());
          assertEquals(
              "table_name text, query vector, k integer, ef_search integer DEFAULT NULL",
              rs.getString(1));
          assertEquals("SETOF record", rs.getString(2));
        }
      }
    }
  }

  @Test
  void vectorIsAPgObjectBothWays() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE pgo (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(3) NOT NULL)");
      org.postgresql.util.PGobject v = new org.postgresql.util.PGobject();
      v.setType("vector");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO pgo VALUES (?, ?)")) {
        for (int i = 1; i <= 3; i++) {
          v.setValue("[" + i + ",0,0]");
          ps.setLong(1, i);
          ps.setObject(2, v);
          assertEquals(1, ps.executeUpdate());
        }
      }
      v.setValue("[2.2,0,0]");
      try (PreparedStatement ps =
          c.prepareStatement("SELECT id, v FROM pgo ORDER BY v <-> ? LIMIT 1")) {
        ps.setObject(1, v);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(2, rs.getLong(1));
          Object back = rs.getObject(2);
          assertTrue(back instanceof org.postgresql.util.PGobject, back.getClass()::toString);
          assertEquals("vector", ((org.postgresql.util.PGobject) back).getType());
          assertEquals("[2,0,0]", ((org.postgresql.util.PGobject) back).getValue());
          ResultSetMetaData md = rs.getMetaData();
          assertEquals("vector", md.getColumnTypeName(2));
          assertEquals(java.sql.Types.OTHER, md.getColumnType(2));
        }
      }
    }
  }

  @Test
  void sessionFunctionsAndRelationSizesFromTheFiles() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE sized (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(8) NOT NULL)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO sized VALUES (?, ?::vector)")) {
        for (int i = 0; i < 500; i++) {
          ps.setLong(1, i);
          ps.setString(2, "[" + i + ",1,2,3,4,5,6,7]");
          ps.addBatch();
        }
        ps.executeBatch();
      }
      s.execute("CHECKPOINT");
      Path files = dir.resolve("sized");
      long data =
          Files.size(files.resolve("vectors.dat")) + Files.size(files.resolve("vectors.wal"));
      long total;
      try (var list = Files.list(files)) {
        total = list.mapToLong(f -> f.toFile().length()).sum();
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT pg_relation_size('sized'), pg_total_relation_size('public.sized'),"
                  + " pg_relation_size(c.oid), pg_size_pretty(pg_total_relation_size(c.oid))"
                  + " FROM pg_class c WHERE c.relname = 'sized'")) {
        assertTrue(rs.next());
        assertTrue(data > 500 * 8 * 4, "the rows are on disk: " + data);
        assertEquals(data, rs.getLong(1));
        assertEquals(total, rs.getLong(2));
        assertEquals(data, rs.getLong(3));
        // PostgreSQL's rounding: half-kilobytes, halved rounding half up
        assertEquals(((total >> 9) + 1) / 2 + " kB", rs.getString(4));
      }
      try (ResultSet rs = s.executeQuery("SELECT pg_relation_size('sized_pkey')")) {
        assertTrue(rs.next());
        assertEquals(
            Files.size(files.resolve("vectors.ids")) + Files.size(files.resolve("vectors.idx")),
            rs.getLong(1));
      }
      int pid = c.unwrap(org.postgresql.PGConnection.class).getBackendPID();
      s.execute("SET work_mem = '96MB'");
      try (ResultSet rs =
          s.executeQuery(
              "SELECT pg_backend_pid(), current_setting('work_mem'),"
                  + " current_setting('datestyle'), has_table_privilege('sized', 'SELECT'),"
                  + " has_table_privilege(current_user, 'sized', 'INSERT, UPDATE'),"
                  + " has_table_privilege('sized', 'TRIGGER')")) {
        assertTrue(rs.next());
        assertEquals(pid, rs.getInt(1), "pg_backend_pid() is the pid of the cancel key");
        assertEquals("96MB", rs.getString(2));
        assertEquals("ISO, MDY", rs.getString(3));
        assertTrue(rs.getBoolean(4));
        assertTrue(rs.getBoolean(5));
        assertFalse(rs.getBoolean(6), "Veles has no triggers");
      }
      try (ResultSet rs = s.executeQuery("SELECT set_config('statement_timeout', '5s', false)")) {
        assertTrue(rs.next());
        assertEquals("5000", rs.getString(1));
      }
      try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
        assertTrue(rs.next());
        assertEquals("5000", rs.getString(1));
      }
      SQLException bad =
          assertThrows(
              SQLException.class,
              () -> s.executeQuery("SELECT has_table_privilege('sized', 'FLY')"));
      assertTrue(bad.getMessage().contains("unrecognized privilege type"), bad::getMessage);
    }
  }

  @Test
  void statementCancelStopsALongQueryAndTheConnectionGoesOn() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE big (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
      StringBuilder sb = new StringBuilder("INSERT INTO big VALUES ");
      for (int i = 0; i < 800; i++) {
        sb.append(i == 0 ? "" : ",")
            .append('(')
            .append(i)
            .append(", ARRAY[")
            .append(i)
            .append(",1])");
      }
      s.execute(sb.toString());
      // 800^3 = 512 million joined rows counted: minutes unless cancelled
      java.util.concurrent.ExecutorService runner =
          java.util.concurrent.Executors.newSingleThreadExecutor();
      try {
        long start = System.nanoTime();
        java.util.concurrent.Future<?> run =
            runner.submit(
                () -> {
                  s.executeQuery("SELECT count(*) FROM big a, big b, big c").close();
                  return null;
                });
        Thread.sleep(500);
        s.cancel();
        java.util.concurrent.ExecutionException e =
            assertThrows(
                java.util.concurrent.ExecutionException.class,
                () -> run.get(60, java.util.concurrent.TimeUnit.SECONDS));
        SQLException cancelled = (SQLException) e.getCause();
        assertEquals("57014", cancelled.getSQLState(), cancelled::getMessage);
        assertTrue(
            System.nanoTime() - start < java.util.concurrent.TimeUnit.SECONDS.toNanos(30),
            "the cancel took effect at once");
      } finally {
        runner.shutdownNow();
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM big")) {
        assertTrue(rs.next());
        assertEquals(800, rs.getLong(1));
      }
    }
  }

  @Test
  void unsupportedCatalogQueriesFailCleanlyAndTheSessionGoesOn() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String sql :
          java.util.List.of(
              "SELECT * FROM pg_stat_activity",
              "SELECT sequence_name FROM information_schema.sequences")) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(sql));
        assertEquals("0A000", e.getSQLState(), sql + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("is not supported"), e::getMessage);
      }
      // information_schema itself is served (by the SQL layer, from the live catalog)
      try (ResultSet rs =
          s.executeQuery(
              "SELECT schema_name FROM information_schema.schemata WHERE schema_name = 'public'")) {
        assertTrue(rs.next());
        assertEquals("public", rs.getString(1));
      }
      SQLException e =
          assertThrows(SQLException.class, () -> s.executeQuery("SELECT pg_no_such_function(1)"));
      assertEquals("42883", e.getSQLState());
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void optimizerHintsSurviveTheParameterRewrite() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE hinted (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
      s.execute("INSERT INTO hinted VALUES (1, ARRAY[1,0]), (2, ARRAY[0,1])");
      String knn = "id FROM hinted ORDER BY l2_distance(v, ?::vector) LIMIT 1";
      // an out-of-range ef in the hint is refused: the hint reached Veles with $1 rewritten
      try (PreparedStatement bad =
          c.prepareStatement("SELECT /*+ ef_search(100000000) */ " + knn)) {
        bad.setString(1, "[0,1]");
        SQLException e = assertThrows(SQLException.class, bad::executeQuery);
        assertEquals("22023", e.getSQLState(), e::getMessage);
        assertTrue(e.getMessage().contains("ef_search must be in"), e::getMessage);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT /*+ ef_search(64) */ " + knn)) {
        ps.setString(1, "[0,1]");
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(2, rs.getLong(1));
        }
      }
    }
  }
}
