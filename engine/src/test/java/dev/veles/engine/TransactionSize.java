package dev.veles.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * One large transaction, rolled back and then committed: the write set spills to its temp file, the
 * heap it holds stays small per row, and every row is there after the commit and a reopen. Runs in
 * the test JVM (CI size) or, through {@link #main}, in a child JVM with {@code -Xmx2g} (long mode).
 */
final class TransactionSize {
  private TransactionSize() {}

  static float[] vector(Random r, int dim) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = r.nextFloat();
    }
    return v;
  }

  static void run(Path root, int rows, int dim, long seed) throws IOException {
    CollectionSchema s =
        new CollectionSchema(
            dim,
            Metric.L2,
            List.of(new ColumnSpec("title", ColumnType.VARCHAR, 40, true)),
            // A light graph: the test is about the transaction, not the index build's cost.
            new IndexParams(4, 8, 16),
            Durability.FSYNC,
            Map.of());
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      db.create("big", s);
      db.create("side", s);
      for (boolean commit : new boolean[] {false, true}) {
        Random r = new Random(seed);
        long t0 = System.nanoTime();
        try (Transaction tx = db.begin()) {
          List<Row> batch = new ArrayList<>();
          for (int i = 0; i < rows; i++) {
            batch.add(new Row(i, vector(r, dim), new Object[] {"row " + i}));
            if (batch.size() == 1000 || i == rows - 1) {
              tx.insert("big", batch);
              batch = new ArrayList<>();
            }
          }
          tx.insert("side", List.of(new Row(1, vector(r, dim), new Object[] {"side"})));
          long heap = tx.heapBytes();
          System.out.printf(
              "TransactionSize: %d rows x %d dims, write set heap %d bytes = %.1f bytes/row%n",
              rows, dim, heap, heap / (double) rows);
          if (heap > 200L * rows + (8 << 20)) {
            throw new AssertionError("write set heap " + heap + " bytes for " + rows + " rows");
          }
          if (spillFiles(root) != 1) {
            throw new AssertionError("expected the write set's temp file");
          }
          if (commit) {
            tx.commit();
          } else {
            tx.rollback();
          }
        }
        System.out.printf(
            "TransactionSize: %s in %d ms%n",
            commit ? "filled and committed" : "filled and rolled back",
            (System.nanoTime() - t0) / 1_000_000);
        if (spillFiles(root) != 0) {
          throw new AssertionError("temp file left behind");
        }
        long expect = commit ? rows : 0;
        if (db.get("big").size() != expect || db.get("side").size() != expect / rows) {
          throw new AssertionError("size " + db.get("big").size() + ", expected " + expect);
        }
      }
    }
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      Random r = new Random(seed);
      VectorCollection c = db.get("big");
      if (c.size() != rows) {
        throw new AssertionError("after reopen " + c.size());
      }
      for (int i = 0; i < rows; i++) {
        float[] v = vector(r, dim);
        if (i % 9973 == 0 && !java.util.Arrays.equals(v, c.get(i).vector())) {
          throw new AssertionError("row " + i + " differs after reopen");
        }
      }
    }
  }

  private static long spillFiles(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> p.getFileName().toString().endsWith(SpillStore.SUFFIX)).count();
    }
  }

  /** Long mode: {@code root rows dim seed}. */
  public static void main(String[] args) throws IOException {
    run(
        Path.of(args[0]),
        Integer.parseInt(args[1]),
        Integer.parseInt(args[2]),
        Long.parseLong(args[3]));
  }
}
