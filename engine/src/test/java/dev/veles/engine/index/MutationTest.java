package dev.veles.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.engine.Hit;
import dev.veles.engine.IndexParams;
import dev.veles.engine.Metric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Inserts, updates and deletes interleaved at random, checked against an exact model. */
class MutationTest {
  private static final long SEED = Long.getLong("veles.seed", System.nanoTime());

  @Test
  void randomOperationsAgainstExactModel() {
    int cap = 8000;
    int dim = 32;
    SplittableRandom rnd = new SplittableRandom(SEED);
    try (TestVectors tv = TestVectors.clustered(cap, dim, SEED);
        HnswIndex idx = new HnswIndex(tv, Metric.L2, new IndexParams(12, 80, 64), SEED)) {
      idx.setRepairThreshold(1.0); // repairs run explicitly here
      FlatIndex model = new FlatIndex(tv, Metric.L2);
      Map<Integer, Long> live = new HashMap<>();
      Set<Long> deletedIds = new HashSet<>();
      List<Integer> free = new ArrayList<>();
      long nextId = 1;
      for (int s = 0; s < cap; s++) {
        if (s < 5000) {
          idx.insert(s, nextId);
          model.insert(s, nextId);
          live.put(s, nextId++);
        } else {
          free.add(s);
        }
      }
      for (int op = 1; op <= 4000; op++) {
        int kind = rnd.nextInt(3);
        if (kind == 0 && !free.isEmpty()) {
          int s = free.remove(rnd.nextInt(free.size()));
          tv.set(s, tv.query(rnd));
          idx.insert(s, nextId);
          model.insert(s, nextId);
          live.put(s, nextId++);
        } else if (kind == 1 && live.size() > 100) {
          int s = pick(live, rnd);
          assertTrue(idx.markDeleted(s));
          assertFalse(idx.markDeleted(s));
          model.markDeleted(s);
          deletedIds.add(live.remove(s));
          free.add(s); // reused later: insert over a tombstone
        } else if (!live.isEmpty()) {
          int s = pick(live, rnd);
          tv.set(s, tv.query(rnd));
          idx.update(s);
        }
        if (op % 1000 == 0) {
          check(idx, model, tv, rnd, deletedIds, 0.9);
          assertEquals(live.size(), idx.size(), "seed " + SEED);
        }
        if (op == 2000) {
          int before = idx.tombstones();
          assertEquals(before, idx.repair(), "seed " + SEED);
          assertEquals(0, idx.tombstones());
        }
      }
      idx.repair();
      assertEquals(0, idx.tombstones());
      double r = check(idx, model, tv, rnd, deletedIds, 0.95);
      System.out.printf("after 4000 mixed operations and repair: recall@10 %.4f%n", r);
      int someLive = live.keySet().iterator().next();
      assertThrows(IllegalArgumentException.class, () -> idx.insert(someLive, 1));
      assertThrows(IllegalArgumentException.class, () -> idx.update(free.getFirst()));
    }
  }

  private static int pick(Map<Integer, Long> live, SplittableRandom rnd) {
    int skip = rnd.nextInt(live.size());
    for (int s : live.keySet()) {
      if (skip-- == 0) {
        return s;
      }
    }
    throw new IllegalStateException();
  }

  private static double check(
      HnswIndex idx,
      FlatIndex model,
      TestVectors tv,
      SplittableRandom rnd,
      Set<Long> deletedIds,
      double min) {
    double sum = 0;
    for (int i = 0; i < 50; i++) {
      float[] q = tv.query(rnd);
      List<Hit> got = idx.search(q, 10, 100, Bits.ALL);
      Oracle.assertOrdered(got);
      for (Hit h : got) {
        assertFalse(deletedIds.contains(h.id()), "seed " + SEED + ": deleted id returned " + h);
      }
      sum += Oracle.recall(got, model.search(q, 10, 0, Bits.ALL));
    }
    double recall = sum / 50;
    assertTrue(recall >= min, "seed " + SEED + ": recall " + recall);
    return recall;
  }
}
