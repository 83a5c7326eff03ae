package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consistent reads: under concurrent upserts of the same rows, every row a k-NN search returns
 * carries the vector its distance was computed on (indexed and exact paths).
 */
class ConsistentReadsTest {
  static final int DIM = 8;
  static final int ROWS = 200;

  static float[] vector(Random rnd) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) rnd.nextGaussian();
    }
    return v;
  }

  @Test
  void everyReturnedRowCarriesTheVectorOfItsDistance(@TempDir Path dir) throws Exception {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    boolean longMode = Boolean.getBoolean("veles.long");
    // Long mode: a million queries (bounded by 30 minutes); CI: two seconds.
    long millis = longMode ? 30 * 60_000 : 2_000;
    long target = longMode ? 1_000_000 : Long.MAX_VALUE;
    System.out.println("ConsistentReadsTest seed " + seed);
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      CollectionSchema schema =
          new CollectionSchema(
              DIM, Metric.L2, List.of(), IndexParams.DEFAULT, Durability.NONE, java.util.Map.of());
      VectorCollection c = db.create("c", schema);
      Random init = new Random(seed);
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < ROWS; i++) {
        rows.add(Row.of(i, vector(init)));
      }
      c.insert(rows);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> error = new AtomicReference<>();
      AtomicLong queries = new AtomicLong();
      AtomicLong upserts = new AtomicLong();
      Thread writer =
          Thread.ofPlatform()
              .name("upserter")
              .start(
                  () -> {
                    Random rnd = new Random(seed + 1);
                    try {
                      while (!stop.get()) {
                        c.upsert(List.of(Row.of(rnd.nextInt(ROWS), vector(rnd))));
                        if (upserts.incrementAndGet() % 10_000 == 0) {
                          c.flush(); // NONE reuses replaced slots only after a flush
                        }
                      }
                    } catch (Throwable t) {
                      error.compareAndSet(null, t);
                    }
                  });
      List<Thread> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        Metric metric = r == 0 ? Metric.L2 : Metric.COSINE; // indexed and exact paths
        long rs = seed + 2 + r;
        readers.add(
            Thread.ofPlatform()
                .name("reader-" + r)
                .start(
                    () -> {
                      Random rnd = new Random(rs);
                      try {
                        while (!stop.get()) {
                          float[] q = vector(rnd);
                          for (Match m : c.searchRows(q, 10, metric, null, 0)) {
                            float want = metric.distance(q, m.row().vector());
                            if (Math.abs(want - m.distance()) > 1e-4f * (1 + Math.abs(want))) {
                              throw new AssertionError(
                                  metric
                                      + " row "
                                      + m.row().id()
                                      + ": distance "
                                      + m.distance()
                                      + " but its vector gives "
                                      + want);
                            }
                          }
                          queries.incrementAndGet();
                        }
                      } catch (Throwable t) {
                        error.compareAndSet(null, t);
                      }
                    }));
      }
      long end = System.nanoTime() + millis * 1_000_000;
      while (System.nanoTime() < end && error.get() == null && queries.get() < target) {
        Thread.sleep(20);
      }
      stop.set(true);
      writer.join();
      for (Thread t : readers) {
        t.join();
      }
      System.out.println(
          "ConsistentReadsTest: " + queries.get() + " queries, " + upserts.get() + " upserts");
      if (error.get() != null) {
        throw new AssertionError("seed " + seed, error.get());
      }
      assertTrue(queries.get() > 0 && upserts.get() > 0);
      if (longMode) {
        assertTrue(queries.get() >= target, queries.get() + " queries in 30 minutes");
      }
      assertEquals(ROWS, c.size());
    }
  }
}
