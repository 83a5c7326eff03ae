package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The metadata calls a SQL client such as DBeaver makes when it connects and browses, in that
 * order, over the stock remote client; the answers about a Veles table are checked.
 */
class RemoteMetadataTest {
  @TempDir Path dir;

  private static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
    try (rs) {
      List<Map<String, Object>> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
          row.put(rs.getMetaData().getColumnLabel(i).toUpperCase(), rs.getObject(i));
        }
        out.add(row);
      }
      return out;
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Remote.Mode.class,
      names = {"PROTOBUF", "JSON"})
  void dbeaverConnectAndBrowse(Remote.Mode mode) throws Exception {
    try (Remote r = new Remote(mode, dir, 1);
        Connection c = r.connection()) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE docs (id BIGINT NOT NULL PRIMARY KEY, embedding VECTOR(3) NOT NULL,"
                + " title VARCHAR(40))");
      }
      DatabaseMetaData md = c.getMetaData();
      assertTrue(md.getDatabaseProductName() != null);
      md.getDatabaseProductVersion();
      md.getIdentifierQuoteString();
      md.getSQLKeywords();
      rows(md.getCatalogs());
      List<Map<String, Object>> schemas = rows(md.getSchemas());
      assertTrue(!schemas.isEmpty(), "schemas");
      rows(md.getTableTypes());
      List<Map<String, Object>> tables = rows(md.getTables(null, null, "%", null));
      Map<String, Object> docs =
          tables.stream()
              .filter(t -> "DOCS".equalsIgnoreCase(String.valueOf(t.get("TABLE_NAME"))))
              .findFirst()
              .orElseThrow(() -> new AssertionError("docs not in getTables: " + tables));
      // Internal schemas (where UPSERT and CALL are routed) are hidden: each table shows once.
      assertEquals(
          1,
          tables.stream().filter(t -> "docs".equals(t.get("TABLE_NAME"))).count(),
          tables.toString());
      assertTrue(
          schemas.stream().noneMatch(m -> String.valueOf(m.get("TABLE_SCHEM")).startsWith("$")),
          schemas.toString());
      String schema = (String) docs.get("TABLE_SCHEM");
      String table = (String) docs.get("TABLE_NAME");
      List<Map<String, Object>> columns = rows(md.getColumns(null, schema, table, "%"));
      assertEquals(3, columns.size(), columns.toString());
      assertEquals(Types.BIGINT, ((Number) columns.get(0).get("DATA_TYPE")).intValue());
      assertEquals(Types.ARRAY, ((Number) columns.get(1).get("DATA_TYPE")).intValue());
      assertEquals(Types.VARCHAR, ((Number) columns.get(2).get("DATA_TYPE")).intValue());
      rows(md.getPrimaryKeys(null, schema, table));
      rows(md.getIndexInfo(null, schema, table, false, true));
      rows(md.getImportedKeys(null, schema, table));
      rows(md.getExportedKeys(null, schema, table));
      assertTrue(!rows(md.getTypeInfo()).isEmpty(), "type info");
      rows(md.getProcedures(null, null, "%"));
      rows(md.getFunctions(null, null, "%"));
      // The catalog through SQL, as SQL clients query it.
      for (String sql :
          List.of(
              "SHOW TABLES",
              "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery(sql)) {
          assertTrue(rs.next(), sql);
          assertEquals("docs", rs.getString(1), sql);
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("DESCRIBE docs")) {
        int n = 0;
        while (rs.next()) {
          n++;
        }
        assertEquals(3, n);
      }
      // Browsing the data tab: a SELECT with a row limit.
      try (Statement s = c.createStatement()) {
        s.setMaxRows(200);
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          assertEquals(3, rs.getMetaData().getColumnCount());
        }
      }
    }
  }

  /**
   * Keys, indexes and procedures through the Veles driver's remote mode: Avatica's protocol has no
   * request for them, so the driver asks the server's system tables, as the embedded driver does.
   */
  @Test
  void velesDriverListsKeysIndexesAndProcedures() throws Exception {
    try (Remote r = new Remote(Remote.Mode.VELES, dir, 1);
        Connection c = r.connection()) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE pairs (a INTEGER NOT NULL, b VARCHAR(10) NOT NULL, v VECTOR(2) NOT NULL,"
                + " PRIMARY KEY (a, b))");
      }
      DatabaseMetaData md = c.getMetaData();
      List<Map<String, Object>> keys = rows(md.getPrimaryKeys(null, "public", "pairs"));
      assertEquals(2, keys.size(), keys.toString());
      assertEquals("a", keys.get(0).get("COLUMN_NAME"));
      assertEquals("b", keys.get(1).get("COLUMN_NAME"));
      List<Map<String, Object>> indexes =
          rows(md.getIndexInfo(null, "public", "pairs", false, true));
      assertTrue(
          indexes.stream().anyMatch(i -> "v".equals(i.get("COLUMN_NAME"))), indexes.toString());
      assertTrue(
          rows(md.getProcedures(null, null, "flush")).size() == 1, "the flush procedure is listed");
    }
  }
}
