package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table of long texts opens, scans and filters in a heap far smaller than its text: the values
 * live in the value store ({@link ValueStore}), the heap keeps 12 bytes per row of them.
 *
 * <p>CI: 50,000 rows of 2 KiB text (100 MiB, ~105 MiB as heap strings) in a child JVM of 48 MiB.
 * Long mode: {@code -Dveles.longtext.rows=1000000 -Dveles.longtext.heap=128m} (2 GiB of text). The
 * child prints the heap in use after open, scan and a full GC, which is the figure the README
 * states per million rows.
 */
class LongTextHeapTest {
  static final int TEXT = 2048;

  @TempDir Path dir;

  static CollectionSchema schema() {
    return new CollectionSchema(
        0,
        Metric.L2,
        List.of(
            new ColumnSpec("body", ColumnType.VARCHAR, 0, true),
            new ColumnSpec("n", ColumnType.INTEGER, 0, true)),
        IndexParams.DEFAULT,
        Durability.NONE,
        Map.of());
  }

  /** The text of row {@code id}: 2 KiB of letters, a function of the id. */
  static String text(long id) {
    SplittableRandom r = new SplittableRandom(id * 0x9E3779B97F4A7C15L);
    byte[] b = new byte[TEXT];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) ('a' + r.nextInt(26));
    }
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  @Test
  void aTableOfLongTextsOpensAndScansInASmallHeap() throws Exception {
    int rows = Integer.getInteger("veles.longtext.rows", 50_000);
    String heap = System.getProperty("veles.longtext.heap", "48m");
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection c = db.create("t", schema());
      List<Row> batch = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        batch.add(new Row(i, null, new Object[] {text(i), i}));
        if (batch.size() == 1000) {
          c.insert(batch);
          batch.clear();
        }
      }
      c.insert(batch);
      c.flush();
    }
    String out = inChildJvm(dir, heap, rows);
    System.out.println("LongTextHeapTest: " + out.strip());
    assertTrue(out.startsWith("rows " + rows + " "), out);
  }

  private static String inChildJvm(Path dir, String heap, int rows) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx" + heap,
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Reader.class.getName(),
                dir.toString(),
                Integer.toString(rows))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("child JVM (-Xmx" + heap + ") failed: " + out);
    }
    return out;
  }

  /**
   * The child: opens the database, reads every row through a cursor and checks its text, runs an
   * equality and a LIKE filter on the text, then prints the heap in use after a full GC. Uses the
   * public API only, so that it also measures a build without the value store.
   */
  public static final class Reader {
    public static void main(String[] args) throws Exception {
      Path dir = Path.of(args[0]);
      int rows = Integer.parseInt(args[1]);
      long t0 = System.nanoTime();
      try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
        VectorCollection c = db.get("t");
        long open = (System.nanoTime() - t0) / 1_000_000;
        if (c.size() != rows) {
          throw new AssertionError(c.size() + " rows, want " + rows);
        }
        long t1 = System.nanoTime();
        try (RowCursor cur = c.scan(null)) {
          for (int i = 0; i < cur.size(); i++) {
            Row r = cur.row(i);
            if (r.id() != i || !text(i).equals(r.values()[0]) || !r.values()[1].equals(i)) {
              throw new AssertionError("row " + i + " differs after reopen");
            }
          }
        }
        long scan = (System.nanoTime() - t1) / 1_000_000;
        long probe = rows / 3;
        long[] eq = c.ids(new Filter.Compare("body", Filter.Op.EQ, text(probe)));
        long[] like = c.ids(new Filter.Like("body", text(probe).substring(0, 40) + "%", '\\'));
        if (eq.length != 1 || eq[0] != probe || like.length != 1 || like[0] != probe) {
          throw new AssertionError("filters on the text found the wrong rows");
        }
        for (int i = 0; i < 3; i++) {
          System.gc();
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(
            "rows %d heap used after open+scan+GC %.1f MiB, open %d ms, scan %d ms%n",
            rows, used / 1048576.0, open, scan);
      }
    }
  }
}
