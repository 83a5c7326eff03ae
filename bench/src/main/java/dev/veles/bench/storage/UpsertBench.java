package dev.veles.bench.storage;

import com.sun.management.OperatingSystemMXBean;
import dev.veles.engine.CollectionSchema;
import dev.veles.engine.ColumnSpec;
import dev.veles.engine.ColumnType;
import dev.veles.engine.Database;
import dev.veles.engine.DatabaseOptions;
import dev.veles.engine.Durability;
import dev.veles.engine.IndexParams;
import dev.veles.engine.Metric;
import dev.veles.engine.Row;
import dev.veles.engine.VectorCollection;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Replace throughput of the engine: loads 20,000 rows of 128 dimensions (FSYNC), then replaces
 * 20,000 random existing rows in calls of 100, either with a changed vector ({@code vectors}) or
 * with the same vector and a new column value ({@code columns}, what an UPDATE of columns does).
 * Prints rows per CPU second of the process and per wall second. Compare builds by running each
 * build's engine on the classpath, interleaved:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ENGINE_CLASSES:bench/target/classes \
 *     dev.veles.bench.storage.UpsertBench DIR columns|vectors
 * </pre>
 */
public final class UpsertBench {
  private UpsertBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    boolean columnsOnly = args[1].equals("columns");
    int n = 20_000;
    int replaces = 20_000;
    int batch = 100;
    int dim = 128;
    Random rnd = new Random(42);
    float[][] vectors = new float[n][dim];
    for (float[] v : vectors) {
      for (int i = 0; i < dim; i++) {
        v[i] = (float) rnd.nextGaussian();
      }
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      CollectionSchema schema =
          new CollectionSchema(
              dim,
              Metric.COSINE,
              List.of(new ColumnSpec("n", ColumnType.BIGINT, 0, true)),
              IndexParams.DEFAULT,
              Durability.FSYNC,
              Map.of());
      VectorCollection c = db.create("t", schema);
      for (int start = 0; start < n; start += 1000) {
        List<Row> rows = new ArrayList<>();
        for (int i = start; i < start + 1000; i++) {
          rows.add(new Row(i, vectors[i], new Object[] {(long) i}));
        }
        c.insert(rows);
      }
      long cpu0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      for (int done = 0; done < replaces; done += batch) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
          int id = rnd.nextInt(n);
          if (!columnsOnly) {
            float[] v = vectors[id].clone();
            v[rnd.nextInt(dim)] += 0.1f;
            vectors[id] = v;
          }
          rows.add(new Row(id, vectors[id], new Object[] {(long) done}));
        }
        c.upsert(rows);
      }
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      double wall = (System.nanoTime() - wall0) / 1e9;
      System.out.printf(
          "upsert %s rows_per_cpu_s %.0f rows_per_wall_s %.0f%n",
          args[1], replaces / cpu, replaces / wall);
    }
  }
}
