package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9: a child JVM writes in FSYNC mode, single calls and transactions over two collections,
 * and is SIGKILLed at a random moment; the parent reopens and checks every acknowledged write
 * byte-exact and every acknowledged delete absent (the one call or commit in flight entirely or not
 * at all, in both collections; nothing of a rolled-back transaction), and that the reconciled HNSW
 * indexes find every live vector. One fresh child per trial.
 */
class KillNineTest {
  static final int DIM = 8;
  static final int IDS = 40;

  @TempDir Path dir;

  static float[] vector(long seed, long v) {
    Random r = new Random(seed * 31 + v);
    float[] out = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      out[i] = r.nextFloat();
    }
    return out;
  }

  /** A child JVM running {@code main} of {@code child} with (root, seed) and its heap limit. */
  static Process startMain(Class<?> child, Path root, long seed, String xmx) throws IOException {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-modules",
            "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "-XX:+UseSerialGC",
            xmx,
            "-cp",
            System.getProperty("java.class.path"),
            child.getName(),
            root.toString(),
            Long.toString(seed));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  static Process start(Path root, long seed, String... extra) throws IOException {
    return start(CrashChild.class, root, seed, extra);
  }

  /** Starts {@code child}'s main on {@code root} with {@code seed} in a small JVM. */
  static Process start(Class<?> child, Path root, long seed, String... extra) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "--add-modules",
            "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xshare:auto",
            "-Xmx64m",
            "-cp",
            System.getProperty("java.class.path"),
            child.getName(),
            root.toString(),
            Long.toString(seed)));
    cmd.addAll(List.of(extra));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  @Test
  void acknowledgedWritesSurviveSigkill() throws Exception {
    int trials = Boolean.getBoolean("veles.long") ? 1_000 : 200;
    long base = Long.getLong("veles.seed", System.nanoTime());
    Path root = dir.resolve("db");
    Map<Long, float[]> state = new HashMap<>();
    for (int t = 0; t < trials; t++) {
      long seed = base + t;
      try {
        trial(root, seed, state);
      } catch (Throwable e) {
        throw new AssertionError("trial " + t + " failed, seed " + seed, e);
      }
    }
  }

  /** One child run on the same database; {@code state} carries acknowledged rows across trials. */
  private static void trial(Path root, long seed, Map<Long, float[]> state) throws Exception {
    Random rnd = new Random(seed);
    Process p = start(root, seed);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertTrue("READY".equals(line), "child said " + line);
    long killAt = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(rnd.nextInt(25_000));
    while (System.nanoTime() < killAt && p.isAlive()) {
      Thread.onSpinWait();
    }
    p.toHandle().destroyForcibly(); // unlike Process.destroyForcibly, keeps the pipe readable
    p.waitFor();
    String[] inFlight = null;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("B ")) {
        inFlight = line.split(" ");
      } else if (line.equals("A") && inFlight != null) {
        apply(state, inFlight, seed);
        inFlight = null;
      }
    }
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      VectorCollection c = db.get("k");
      VectorCollection c2 = db.get("k2");
      Map<Long, float[]> alt = new HashMap<>(state);
      if (inFlight != null) {
        apply(alt, inFlight, seed);
      }
      // The in-flight call or commit happened entirely or not at all, in both collections.
      boolean altWins = inFlight != null && !(same(c, c2, state)) && same(c, c2, alt);
      Map<Long, float[]> want = altWins ? alt : state;
      for (long key = 0; key < 2 * IDS; key++) {
        float[] v = want.get(key);
        VectorCollection in = key < IDS ? c : c2;
        long id = key % IDS;
        if (v == null) {
          assertNull(in.vector(id), "deleted id " + id + " of " + in.name() + " is back");
        } else {
          assertArrayEquals(v, in.vector(id), "id " + id + " of " + in.name());
        }
      }
      Workload.assertIndexed(c, "index after kill -9");
      Workload.assertIndexed(c2, "index of k2 after kill -9");
      if (altWins) {
        state.clear();
        state.putAll(alt);
      }
    }
  }

  /** Whether k and k2 hold {@code m} (keys below IDS are k's ids, the others k2's plus IDS). */
  private static boolean same(VectorCollection c, VectorCollection c2, Map<Long, float[]> m) {
    for (long key = 0; key < 2 * IDS; key++) {
      float[] v = m.get(key);
      float[] got = (key < IDS ? c : c2).vector(key % IDS);
      if (v == null ? got != null : !java.util.Arrays.equals(v, got)) {
        return false;
      }
    }
    return true;
  }

  private static void apply(Map<Long, float[]> m, String[] op, long seed) {
    if (op[1].equals("T")) {
      for (int i = 2; i < op.length; ) {
        long key = Long.parseLong(op[i + 2]) + (op[i + 1].equals("k2") ? IDS : 0);
        if (op[i].equals("D")) {
          m.remove(key);
          i += 3;
        } else {
          m.put(key, vector(seed, Long.parseLong(op[i + 3])));
          i += 4;
        }
      }
      return;
    }
    long id = Long.parseLong(op[2]);
    if (op[1].equals("D")) {
      m.remove(id);
    } else {
      m.put(id, vector(seed, Long.parseLong(op[3])));
    }
  }

  @Test
  void secondProcessIsToldWhoHoldsTheLock() throws Exception {
    Path root = dir.resolve("locked");
    Process p = start(root, 1, "hold");
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertTrue("READY".equals(out.readLine()));
      IOException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IOException.class, () -> Database.open(root, DatabaseOptions.defaults()));
      assertTrue(e.getMessage().contains("pid " + p.pid()), e.getMessage());
    } finally {
      p.destroyForcibly();
      p.waitFor();
    }
  }
}
