package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers run while a writer grows {@code vectors.dat} through many doublings: every read returns
 * the acknowledged vector (or nothing for an id not yet written), and no reader ever fails, let
 * alone with an InternalError from a stale mapping.
 */
class GrowthUnderReadersTest {
  private static final int DIM = 32;
  private static final int ROWS = 8_000;

  @TempDir Path dir;

  static float[] vectorOf(long id) {
    float[] v = new float[DIM];
    Random r = new Random(id);
    for (int i = 0; i < DIM; i++) {
      v[i] = r.nextFloat();
    }
    return v;
  }

  @Test
  void readersNeverFailWhileTheFileGrows() throws Exception {
    long seed = System.nanoTime();
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection c =
          db.create(
              "g",
              new CollectionSchema(
                  DIM,
                  Metric.L2,
                  List.of(),
                  new IndexParams(8, 32, 32),
                  Durability.FLUSH_ONLY,
                  java.util.Map.of()));
      AtomicLong acknowledged = new AtomicLong(-1);
      AtomicBoolean done = new AtomicBoolean();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      AtomicLong reads = new AtomicLong();
      List<Thread> readers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        Random random = new Random(seed + t);
        Thread reader =
            new Thread(
                () -> {
                  while (!done.get()) {
                    try {
                      long top = acknowledged.get();
                      if (top < 0) {
                        continue;
                      }
                      long id = random.nextLong(top + 1);
                      float[] v = c.vector(id);
                      assertArrayEquals(vectorOf(id), v, "id " + id + ", seed " + seed);
                      if (random.nextInt(20) == 0) {
                        assertTrue(c.search(v, 3, Metric.L2, null).size() > 0);
                      }
                      reads.incrementAndGet();
                    } catch (Throwable e) {
                      failures.add(e);
                      return;
                    }
                  }
                },
                "reader-" + t);
        reader.start();
        readers.add(reader);
      }
      for (long start = 0; start < ROWS; start += 200) {
        List<Row> batch = new ArrayList<>();
        for (long id = start; id < start + 200; id++) {
          batch.add(Row.of(id, vectorOf(id)));
        }
        c.insert(batch);
        acknowledged.set(start + 199);
      }
      done.set(true);
      for (Thread t : readers) {
        t.join(60_000);
      }
      assertTrue(failures.isEmpty(), "seed " + seed + ": " + failures.peek());
      assertTrue(reads.get() > 100, "readers barely ran: " + reads.get());
    }
  }
}
