package dev.veles.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.engine.Hit;
import dev.veles.engine.IndexParams;
import dev.veles.engine.Metric;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Readers search while one writer inserts, updates and deletes and background repairs run: no
 * search fails, results stay ordered, and an id deleted before a search starts never comes back.
 */
class ConcurrencyTest {
  private static final long SEED = Long.getLong("veles.seed", System.nanoTime());

  @Test
  void readersDuringWritesAndRepairs() throws Exception {
    int cap = 12_000;
    int dim = 24;
    int ops = Boolean.getBoolean("veles.long") ? 200_000 : 6000;
    try (TestVectors tv = TestVectors.clustered(cap, dim, SEED);
        HnswIndex idx = new HnswIndex(tv, Metric.COSINE, new IndexParams(12, 60, 40), SEED)) {
      idx.setRepairThreshold(0.05);
      AtomicInteger repairs = new AtomicInteger();
      AtomicReference<String> repairThread = new AtomicReference<>();
      idx.setRepairListener(
          removed -> {
            repairs.incrementAndGet();
            Thread t = Thread.currentThread();
            repairThread.set(t.getName() + (t.isDaemon() ? " daemon" : " user"));
          });
      FlatIndex model = new FlatIndex(tv, Metric.COSINE);
      long[] idOf = new long[cap];
      for (int s = 0; s < 6000; s++) {
        idOf[s] = s + 1;
        idx.insert(s, s + 1);
        model.insert(s, s + 1);
      }
      // Deletion log: ids deleted so far, in order; readers snapshot its length before searching.
      AtomicLongArray deletedLog = new AtomicLongArray(ops + 1);
      AtomicInteger deletedCount = new AtomicInteger();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicInteger searches = new AtomicInteger();
      Thread writer =
          new Thread(
              () -> write(idx, model, tv, idOf, ops, deletedLog, deletedCount, failure),
              "test-writer");
      Thread[] readers = new Thread[3];
      for (int r = 0; r < readers.length; r++) {
        long rs = SEED + r;
        readers[r] =
            new Thread(
                () -> read(idx, tv, rs, writer, deletedLog, deletedCount, failure, searches),
                "test-reader-" + r);
      }
      writer.start();
      for (Thread r : readers) {
        r.start();
      }
      writer.join();
      for (Thread r : readers) {
        r.join();
      }
      assertNull(failure.get(), () -> "seed " + SEED + ": " + failure.get());
      idx.repairAsync().get(60, TimeUnit.SECONDS);
      assertTrue(repairs.get() >= 2, "background repairs: " + repairs.get());
      assertTrue(repairThread.get().matches("veles-hnsw-repair-\\d+ daemon"), repairThread.get());
      idx.repair();
      assertEquals(0, idx.tombstones());
      assertEquals(model.size(), idx.size());
      SplittableRandom rnd = new SplittableRandom(SEED);
      double sum = 0;
      for (int i = 0; i < 50; i++) {
        float[] q = tv.query(rnd);
        sum += Oracle.recall(idx.search(q, 10, 100, Bits.ALL), model.search(q, 10, 0, Bits.ALL));
      }
      System.out.printf(
          "%d ops, %d concurrent searches, final recall@10 %.4f%n", ops, searches.get(), sum / 50);
      assertTrue(sum / 50 >= 0.95, "seed " + SEED + ": recall " + sum / 50);
    }
  }

  private static void write(
      HnswIndex idx,
      FlatIndex model,
      TestVectors tv,
      long[] idOf,
      int ops,
      AtomicLongArray deletedLog,
      AtomicInteger deletedCount,
      AtomicReference<Throwable> failure) {
    SplittableRandom rnd = new SplittableRandom(SEED ^ 0x5EED);
    long nextId = 1_000_000;
    try {
      for (int op = 0; op < ops && failure.get() == null; op++) {
        int s = rnd.nextInt(idOf.length);
        int kind = rnd.nextInt(3);
        if (idOf[s] == 0) {
          tv.set(s, tv.query(rnd)); // the vector is written before the index hears of it
          idOf[s] = nextId++;
          idx.insert(s, idOf[s]);
          model.insert(s, idOf[s]);
        } else if (kind == 0) {
          long id = idOf[s];
          idx.markDeleted(s);
          model.markDeleted(s);
          deletedLog.set(deletedCount.get(), id);
          deletedCount.incrementAndGet(); // published after the delete returned
          idOf[s] = 0;
        } else if (kind == 1) {
          tv.set(s, tv.query(rnd));
          idx.update(s);
        }
      }
    } catch (Throwable e) {
      failure.compareAndSet(null, e);
    }
  }

  private static void read(
      HnswIndex idx,
      TestVectors tv,
      long seed,
      Thread writer,
      AtomicLongArray deletedLog,
      AtomicInteger deletedCount,
      AtomicReference<Throwable> failure,
      AtomicInteger searches) {
    SplittableRandom rnd = new SplittableRandom(seed);
    try {
      while (writer.isAlive() && failure.get() == null) {
        int known = deletedCount.get();
        List<Hit> got = idx.search(tv.query(rnd), 10, 40, Bits.ALL);
        Oracle.assertOrdered(got);
        for (Hit h : got) {
          for (int i = 0; i < known; i++) {
            if (deletedLog.get(i) == h.id()) {
              throw new AssertionError("id " + h.id() + " deleted before the search came back");
            }
          }
        }
        searches.incrementAndGet();
      }
    } catch (Throwable e) {
      failure.compareAndSet(null, e);
    }
  }
}
