package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
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
 * Kill -9 of a process writing a collection with a unique key (see {@link KeyCrashChild}), then
 * reopen: the rows are the acknowledged ones (the call in flight entirely or not at all), the key
 * index rebuilt from them answers every key as a scan does, no key is held twice, and the id
 * sequence never hands out again an id it handed out before the kill.
 */
class KeyCrashTest {
  @TempDir Path dir;

  @Test
  void keysAndSequenceSurviveSigkill() throws Exception {
    int trials = Boolean.getBoolean("veles.long") ? 300 : 30;
    long base = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("KeyCrashTest seed " + base);
    Path root = dir.resolve("db");
    Map<Long, String> state = new HashMap<>();
    long[] maxAllocated = {0};
    long acknowledged = 0;
    for (int t = 0; t < trials; t++) {
      long seed = base + t;
      try {
        acknowledged += trial(root, seed, state, maxAllocated);
      } catch (Throwable e) {
        throw new AssertionError("trial " + t + " failed, seed " + seed, e);
      }
    }
    System.out.println("KeyCrashTest: " + acknowledged + " acknowledged writes in " + trials);
    assertTrue(acknowledged > 10L * trials, "the children wrote too little to test anything");
  }

  /** One child run; returns how many of its writes were acknowledged. */
  private static int trial(Path root, long seed, Map<Long, String> state, long[] maxAllocated)
      throws Exception {
    int acknowledged = 0;
    Random rnd = new Random(seed);
    Process p = KillNineTest.start(KeyCrashChild.class, root, seed);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertTrue("READY".equals(line), "child said " + line);
    long killAt = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(rnd.nextInt(400_000));
    while (System.nanoTime() < killAt && p.isAlive()) {
      Thread.onSpinWait();
    }
    p.toHandle().destroyForcibly();
    p.waitFor();
    String[] inFlight = null;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("S ")) {
        maxAllocated[0] = Math.max(maxAllocated[0], Long.parseLong(line.substring(2)));
      } else if (line.startsWith("B ")) {
        inFlight = line.split(" ");
      } else if (line.equals("A") && inFlight != null) {
        apply(state, inFlight);
        inFlight = null;
        acknowledged++;
      } else if (line.equals("R")) {
        inFlight = null;
      }
    }
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      VectorCollection c = db.get("keyed");
      Map<Long, String> got = rows(c);
      Map<Long, String> alt = new HashMap<>(state);
      if (inFlight != null) {
        apply(alt, inFlight);
      }
      assertTrue(
          got.equals(state) || got.equals(alt),
          "rows "
              + got
              + " are neither "
              + state
              + " nor, with "
              + String.join(" ", inFlight == null ? new String[0] : inFlight)
              + ", "
              + alt);
      state.clear();
      state.putAll(got);
      Map<String, Long> byKey = new HashMap<>();
      for (Map.Entry<Long, String> e : got.entrySet()) {
        Long prior = byKey.put(e.getValue(), e.getKey());
        assertEquals(null, prior, "key " + e.getValue() + " held twice");
      }
      for (int k = 0; k < KeyCrashChild.KEYS; k++) {
        String key = "key" + k;
        assertEquals(byKey.getOrDefault(key, -1L), c.findKey(0, key), "index of " + key);
      }
      long next = c.allocateIds(1)[0];
      assertTrue(
          next > maxAllocated[0], "id " + next + " handed out again (max " + maxAllocated[0] + ")");
      maxAllocated[0] = next;
      CheckReport report = db.check();
      assertTrue(report.ok(), "veles check after kill -9: " + report);
    }
    return acknowledged;
  }

  private static Map<Long, String> rows(VectorCollection c) {
    Map<Long, String> m = new HashMap<>();
    for (long id : c.ids(null)) {
      m.put(id, (String) c.get(id).values()[0]);
    }
    return m;
  }

  private static void apply(Map<Long, String> m, String[] op) {
    List<String> ops = new ArrayList<>(List.of(op).subList(op[1].equals("T") ? 2 : 1, op.length));
    for (int i = 0; i < ops.size(); ) {
      long id = Long.parseLong(ops.get(i + 1));
      if (ops.get(i).equals("I")) {
        m.put(id, ops.get(i + 2));
        i += 3;
      } else {
        m.remove(id);
        i += 2;
      }
    }
  }
}
