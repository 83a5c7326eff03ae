package dev.veles.bench.storage;

import dev.veles.engine.CollectionSchema;
import dev.veles.engine.Database;
import dev.veles.engine.DatabaseOptions;
import dev.veles.engine.Durability;
import dev.veles.engine.IndexParams;
import dev.veles.engine.Metric;
import dev.veles.engine.Row;
import dev.veles.engine.VectorCollection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Storage benchmark: ingest rate per durability mode and batch size next to the raw sequential
 * write bandwidth of the same disk, and the WAL replay rate for 1 M records.
 *
 * <p>Usage: {@code StorageBench [dir] [dimension] [seconds-per-case]}; defaults {@code
 * target/storage-bench 128 3}.
 */
public final class StorageBench {
  private StorageBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/storage-bench");
    int dim = args.length > 1 ? Integer.parseInt(args[1]) : 128;
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 3;
    deleteTree(dir);
    Files.createDirectories(dir);
    double raw = rawBandwidth(dir.resolve("raw.bin"), 512L << 20);
    System.out.printf("raw sequential write (1 MiB writes, one fsync): %.1f MiB/s%n", raw);
    System.out.printf(
        "%-11s %7s %12s %10s %8s%n", "durability", "batch", "rows/s", "MiB/s", "of raw");
    for (Durability d : Durability.values()) {
      for (int batch : new int[] {1, 100, 10_000}) {
        double rows = ingest(dir.resolve(d + "-" + batch), d, dim, batch, seconds);
        double mib = rows * dim * 4 / (1 << 20);
        System.out.printf(
            "%-11s %7d %12.0f %10.1f %7.1f%%%n", d, batch, rows, mib, 100 * mib / raw);
      }
    }
    replay(dir.resolve("replay"), 1_000_000);
  }

  static double rawBandwidth(Path file, long bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    new Random(1).ints(buf.capacity() / 4).forEach(i -> buf.putInt(i));
    long t0 = System.nanoTime();
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      for (long pos = 0; pos < bytes; pos += buf.capacity()) {
        buf.clear();
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
      ch.force(true);
    }
    double s = (System.nanoTime() - t0) / 1e9;
    Files.delete(file);
    return bytes / s / (1 << 20);
  }

  static List<Row> rows(Random rnd, long first, int n, int dim) {
    List<Row> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] v = new float[dim];
      for (int j = 0; j < dim; j++) {
        v[j] = rnd.nextFloat();
      }
      out.add(Row.of(first + i, v));
    }
    return out;
  }

  /** Rows per second for {@code seconds}, including a final flush. */
  static double ingest(Path root, Durability d, int dim, int batch, double seconds)
      throws IOException {
    Random rnd = new Random(7);
    List<List<Row>> pool = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      pool.add(rows(rnd, 0, batch, dim));
    }
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      VectorCollection c =
          db.create(
              "b",
              new CollectionSchema(dim, Metric.L2, List.of(), IndexParams.DEFAULT, d, Map.of()));
      long n = 0;
      long t0 = System.nanoTime();
      long end = t0 + (long) (seconds * 1e9);
      while (System.nanoTime() < end) {
        List<Row> src = pool.get((int) (n / batch % pool.size()));
        List<Row> b = new ArrayList<>(batch);
        for (Row r : src) {
          b.add(new Row(n + b.size(), r.vector(), r.values()));
        }
        c.insert(b);
        n += batch;
      }
      c.flush();
      return n / ((System.nanoTime() - t0) / 1e9);
    } finally {
      deleteTree(root);
    }
  }

  /**
   * Writes {@code n} one-row WAL records, copies the files as a crash would leave them, replays.
   */
  static void replay(Path root, int n) throws IOException {
    int dim = 4; // 48-byte records: 1 M of them stay under the 64 MiB checkpoint threshold
    Path copy = root.resolveSibling("replay-copy");
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      VectorCollection c =
          db.create(
              "r",
              new CollectionSchema(
                  dim, Metric.L2, List.of(), IndexParams.DEFAULT, Durability.FLUSH_ONLY, Map.of()));
      Random rnd = new Random(3);
      for (int i = 0; i < n; i += 10_000) {
        c.insert(rows(rnd, i, 10_000, dim));
      }
      c.flush();
      Files.createDirectories(copy.resolve("r"));
      try (Stream<Path> s = Files.list(root.resolve("r"))) {
        for (Path p : s.toList()) {
          Files.copy(p, copy.resolve("r").resolve(p.getFileName()));
        }
      }
    }
    long walBytes = Files.size(copy.resolve("r").resolve("vectors.wal"));
    long t0 = System.nanoTime();
    try (Database db = Database.open(copy, DatabaseOptions.defaults())) {
      double s = (System.nanoTime() - t0) / 1e9;
      long size = db.get("r").size();
      System.out.printf(
          "WAL replay: %d records (%.1f MiB WAL) in %.2f s = %.0f records/s, %.1f MiB/s"
              + " (open incl. checkpoint)%n",
          size, walBytes / 1048576.0, s, size / s, walBytes / 1048576.0 / s);
    }
    deleteTree(root);
    deleteTree(copy);
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
