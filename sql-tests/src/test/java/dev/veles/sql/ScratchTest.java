package dev.veles.sql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.*;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void run() throws Exception {
    Path dir = Files.createTempDirectory("scratch");
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + dir);
        Statement s = c.createStatement()) {
      for (String sql : Files.readAllLines(Path.of("/tmp/scratch/sql.txt"))) {
        if (sql.isBlank()) continue;
        System.out.println(">>> " + sql);
        try {
          if (s.execute(sql)) {
            try (ResultSet rs = s.getResultSet()) {
              int n = rs.getMetaData().getColumnCount();
              while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                  Object o = rs.getObject(i);
                  if (o instanceof Array a) o = java.util.Arrays.toString((float[]) a.getArray());
                  sb.append(o).append(" | ");
                }
                System.out.println(sb);
              }
            }
          } else {
            System.out.println("count=" + s.getUpdateCount());
          }
        } catch (SQLException e) {
          System.out.println("ERR " + e.getSQLState() + " " + e.getMessage());
        }
      }
    }
  }
}
