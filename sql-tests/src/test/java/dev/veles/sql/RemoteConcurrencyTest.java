package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Eight pooled clients mix inserts, deletes and k-NN queries on one table; the final table is
 * compared with a model of every acknowledged change. Each client owns an id range, so the model is
 * exact whatever the interleaving.
 */
class RemoteConcurrencyTest {
  private static final int CLIENTS = 8;
  private static final int OPS_PER_CLIENT = 60;
  private static final int DIM = 4;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = Remote.Mode.class,
      names = {"PROTOBUF", "JSON"})
  void concurrentClientsMatchModel(Remote.Mode mode) throws Exception {
    long seed = System.nanoTime();
    Map<Long, float[]> model = new ConcurrentHashMap<>();
    try (Remote r = new Remote(mode, dir, CLIENTS)) {
      try (Connection c = r.connection();
          Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE m (id BIGINT NOT NULL PRIMARY KEY, embedding VECTOR("
                + DIM
                + ") NOT NULL)");
      }
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
          int client = t;
          results.add(pool.submit(() -> runClient(r, client, new Random(seed + client), model)));
        }
        int searches = 0;
        for (Future<Integer> f : results) {
          searches += f.get();
        }
        assertTrue(searches > 0, "seed " + seed);
      } finally {
        pool.shutdownNow();
      }
      Map<Long, float[]> actual = new TreeMap<>();
      try (Connection c = r.connection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT id, embedding FROM m")) {
        while (rs.next()) {
          actual.put(rs.getLong(1), Remote.floats(rs.getArray(2)));
        }
      }
      assertEquals(new TreeMap<>(model).keySet(), actual.keySet(), "seed " + seed);
      for (Map.Entry<Long, float[]> e : model.entrySet()) {
        assertArrayEquals(
            e.getValue(), actual.get(e.getKey()), "id " + e.getKey() + " seed " + seed);
      }
    }
  }

  /** Returns the number of k-NN queries run. */
  private static int runClient(Remote r, int client, Random random, Map<Long, float[]> model)
      throws Exception {
    List<Long> mine = new ArrayList<>();
    long nextId = client * 1_000_000L;
    int searches = 0;
    try (Connection c = r.connection();
        PreparedStatement insert = c.prepareStatement("INSERT INTO m VALUES (?, ?)");
        PreparedStatement delete = c.prepareStatement("DELETE FROM m WHERE id = ?");
        PreparedStatement knn =
            c.prepareStatement(
                "SELECT id, l2_distance(embedding, ?) AS d FROM m ORDER BY d LIMIT 5")) {
      for (int op = 0; op < OPS_PER_CLIENT; op++) {
        int kind = random.nextInt(10);
        if (kind < 5 || mine.isEmpty()) {
          float[] v = new float[DIM];
          for (int j = 0; j < DIM; j++) {
            v[j] = random.nextFloat();
          }
          long id = nextId++;
          insert.setLong(1, id);
          r.bindVector(c, insert, 2, v);
          assertEquals(1, insert.executeUpdate());
          model.put(id, v);
          mine.add(id);
        } else if (kind < 7) {
          long id = mine.remove(random.nextInt(mine.size()));
          delete.setLong(1, id);
          assertEquals(1, delete.executeUpdate());
          model.remove(id);
        } else {
          float[] q = new float[DIM];
          for (int j = 0; j < DIM; j++) {
            q[j] = random.nextFloat();
          }
          r.bindVector(c, knn, 1, q);
          int rows = 0;
          try (ResultSet rs = knn.executeQuery()) {
            while (rs.next()) {
              rows++;
            }
          }
          assertTrue(rows <= 5);
          searches++;
        }
      }
    }
    return searches;
  }
}
