package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What SQL clients see when they browse an embedded database through DatabaseMetaData. */
class MetadataTest {
  @TempDir Path dir;

  @Test
  void tablesColumnsKeysAndProcedures() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + dir);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE docs (id BIGINT NOT NULL PRIMARY KEY, embedding VECTOR(384) NOT NULL,"
              + " title VARCHAR(200), price DOUBLE)");
      DatabaseMetaData md = c.getMetaData();
      assertEquals("Veles", md.getDatabaseProductName());
      assertTrue(c.getAutoCommit());
      try (ResultSet rs = md.getTables(null, "public", "docs", null)) {
        assertTrue(rs.next());
        assertEquals("docs", rs.getString("TABLE_NAME"));
      }
      // Each table once: the internal schemas that route UPSERT and CALL are hidden.
      try (ResultSet rs = md.getTables(null, null, "docs", null)) {
        assertTrue(rs.next());
        assertEquals("public", rs.getString("TABLE_SCHEM"));
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getSchemas()) {
        while (rs.next()) {
          assertFalse(rs.getString("TABLE_SCHEM").startsWith("$"), rs.getString("TABLE_SCHEM"));
        }
      }
      // Indexes: the primary key (unique, a hashed lookup) and the HNSW index of the vector.
      try (ResultSet rs = md.getIndexInfo(null, "public", "docs", false, true)) {
        assertTrue(rs.next());
        assertEquals("docs_pkey", rs.getString("INDEX_NAME"));
        assertFalse(rs.getBoolean("NON_UNIQUE"));
        assertEquals("id", rs.getString("COLUMN_NAME"));
        assertTrue(rs.next());
        assertEquals("embedding", rs.getString("COLUMN_NAME"));
        assertTrue(rs.getBoolean("NON_UNIQUE"));
        assertTrue(rs.getString("FILTER_CONDITION").startsWith("hnsw"));
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getIndexInfo(null, "public", "docs", true, true)) {
        assertTrue(rs.next());
        assertFalse(rs.next(), "unique=true lists the primary key only");
      }
      // Types: what CREATE TABLE accepts, VECTOR included, and each one is accepted.
      List<String> typeNames = new ArrayList<>();
      try (ResultSet rs = md.getTypeInfo()) {
        while (rs.next()) {
          typeNames.add(rs.getString("TYPE_NAME"));
        }
      }
      assertTrue(
          typeNames.contains("VECTOR") && typeNames.contains("VARCHAR"), typeNames.toString());
      List<String> params = new ArrayList<>();
      try (ResultSet rs = md.getTypeInfo()) {
        while (rs.next()) {
          params.add(String.valueOf(rs.getString("CREATE_PARAMS")));
        }
      }
      for (int i = 0; i < typeNames.size(); i++) {
        String type = typeNames.get(i);
        String decl =
            switch (params.get(i)) {
              case "dimension" -> type + "(2)";
              case "length" -> type + "(10)";
              case "precision,scale" -> type + "(10, 2)";
              default -> type;
            };
        // a serial type declares the table's key
        s.execute(
            type.endsWith("SERIAL")
                ? "CREATE TABLE ty (c " + decl + " PRIMARY KEY)"
                : "CREATE TABLE ty (id BIGINT NOT NULL PRIMARY KEY, c " + decl + ")");
        s.execute("DROP TABLE ty");
      }
      // Unquoted names fold to lower case; names match case-insensitively.
      assertTrue(md.storesLowerCaseIdentifiers());
      assertFalse(md.storesUpperCaseIdentifiers());
      assertFalse(md.supportsMixedCaseQuotedIdentifiers());
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM DOCS")) {
        assertTrue(rs.next());
      }
      Map<String, String> types = new LinkedHashMap<>();
      try (ResultSet rs = md.getColumns(null, "public", "docs", null)) {
        while (rs.next()) {
          String col = rs.getString("COLUMN_NAME");
          types.put(col, rs.getString("TYPE_NAME") + "/" + rs.getInt("COLUMN_SIZE"));
          if (col.equals("embedding")) {
            assertEquals(Types.ARRAY, rs.getInt("DATA_TYPE"));
            assertEquals("NO", rs.getString("IS_NULLABLE"));
          }
        }
      }
      assertEquals("BIGINT/0", types.get("id").replace("/19", "/0"));
      assertEquals("VECTOR/384", types.get("embedding"));
      assertEquals("VARCHAR/200", types.get("title"));
      assertTrue(types.get("price").startsWith("DOUBLE"), types.toString());
      try (ResultSet rs = md.getPrimaryKeys(null, "public", "docs")) {
        assertTrue(rs.next());
        assertEquals("id", rs.getString("COLUMN_NAME"));
        assertEquals(1, rs.getShort("KEY_SEQ"));
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getProcedures(null, null, "%")) {
        assertTrue(rs.next());
        assertEquals("check", rs.getString("PROCEDURE_NAME"));
        assertTrue(rs.next());
        assertEquals("compact", rs.getString("PROCEDURE_NAME"));
        assertTrue(rs.next());
        assertEquals("flush", rs.getString("PROCEDURE_NAME"));
      }
    }
  }
}
