package dev.veles.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * The child JVM of {@link DdlCrashTest}: opens {@code jdbc:veles:path=<root>} embedded, creates
 * tables {@code t} ({@value DdlCrashTest#ROWS} rows) and {@code w} (a copy of two of its columns)
 * if the start step is 0 and they are absent, prints {@code READY}, then runs the DDL steps of
 * {@link DdlCrashTest#step} from the given one on, printing {@code B <n>} before and {@code A <n>}
 * after step {@code n}, until it is killed.
 */
public final class DdlCrashChild {
  private DdlCrashChild() {}

  public static void main(String[] args) throws Exception {
    String root = args[0];
    int start = Integer.parseInt(args[2]);
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + root);
        Statement st = c.createStatement()) {
      if (start == 0 && !c.getMetaData().getTables(null, null, "t", null).next()) {
        st.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, embedding VECTOR(4), title TEXT)");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
          for (int i = 0; i < DdlCrashTest.ROWS; i++) {
            ps.setLong(1, i);
            ps.setString(2, "[" + i + ",1,0," + (i % 7) + "]");
            ps.setString(3, "row " + i);
            ps.addBatch();
          }
          ps.executeBatch();
        }
        st.execute("CREATE TABLE w AS SELECT id, title FROM t");
      }
      System.out.println("READY");
      System.out.flush();
      for (int n = start; ; n++) {
        System.out.println("B " + n);
        System.out.flush();
        st.execute(DdlCrashTest.step(n));
        System.out.println("A " + n);
        System.out.flush();
      }
    }
  }
}
