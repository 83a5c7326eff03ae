package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The damage matrix: every file of a collection x {missing, truncated at several points, a bit of
 * each header byte flipped, random bit flips in the data}, on a database at rest (closed cleanly)
 * and on one whose WAL holds writes (closed without a checkpoint). The outcome of each case must be
 * the correct data, or a {@link CorruptFileException} naming the damaged file (on open, on a read,
 * or from the integrity check); never data that differs silently, never a deleted file.
 *
 * <p>Prints the table (cases, detected, correct, silent) per file and damage kind.
 */
class DamageMatrixTest {
  static final Path ROOT = Path.of("/sim/db");
  static final Path DIR = ROOT.resolve("c");
  static final List<String> FILES =
      List.of(
          CollectionFiles.SCHEMA,
          CollectionFiles.DATA,
          CollectionFiles.IDS,
          CollectionFiles.INDEX,
          CollectionFiles.WAL,
          GraphFile.NAME,
          ValueStore.NAME,
          IdSequence.NAME);
  static final Map<String, Integer> HEADER =
      Map.of(
          CollectionFiles.SCHEMA,
          0,
          CollectionFiles.DATA,
          28,
          CollectionFiles.IDS,
          28,
          CollectionFiles.INDEX,
          40,
          CollectionFiles.WAL,
          Wal.FILE_HEADER,
          GraphFile.NAME,
          GraphFile.HEADER,
          ValueStore.NAME,
          ValueStore.HEADER,
          IdSequence.NAME,
          IdSequence.SIZE);

  enum Outcome {
    DETECTED,
    CORRECT,
    SILENT,
    WRONG_FILE,
    DELETED,
    /** An earlier state of the write order: the log lost its tail, as in a crash. */
    PREFIX
  }

  /**
   * A database in one state, the rows it must hold, and the largest id its sequence ({@code
   * ids.seq}) handed out.
   */
  record State(
      String name,
      SimStorageIO sim,
      TreeMap<Long, Row> model,
      List<TreeMap<Long, Row>> history,
      long allocated) {}

  static State state(long seed, boolean atRest) throws IOException {
    Random rnd = new Random(seed);
    SimStorageIO sim = new SimStorageIO();
    // Long texts, so that values.dat holds values; ids from the sequence, so that ids.seq exists.
    Workload w = new Workload(rnd, 400, true);
    Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
    VectorCollection c = db.create("c", Workload.schema(Durability.FSYNC, true));
    for (int i = 0; i < 300; i++) {
      Row r = w.row(i);
      c.insert(List.of(r));
      w.model.put(r.id(), r);
    }
    long allocated = 0;
    for (long id : c.allocateIds(3)) {
      Row r = w.row(id);
      c.insert(List.of(r));
      w.model.put(r.id(), r);
      allocated = Math.max(allocated, id);
    }
    c.delete(5, 6, 7);
    List.of(5L, 6L, 7L).forEach(w.model::remove);
    c.flush();
    db.close(); // checkpoint: index, graph and an empty WAL
    db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
    c = db.get("c");
    List<TreeMap<Long, Row>> history = new ArrayList<>();
    history.add(w.model);
    if (!atRest) {
      for (int i = 0; i < 40; i++) {
        Workload.Op op = w.next();
        if (op.toString().equals("compact")) {
          continue;
        }
        op.run(c);
        w.model = op.after();
        history.add(w.model);
      }
    }
    db.close(!atRest ? false : true);
    return new State(atRest ? "at rest" : "with WAL", sim.crash(null), w.model, history, allocated);
  }

  /** The damages of one file: name of the kind, and the damaged bytes (null: file missing). */
  static Map<String, List<byte[]>> damages(String file, byte[] b, Random rnd, int dataFrom) {
    Map<String, List<byte[]>> out = new LinkedHashMap<>();
    out.put("missing", Arrays.asList((byte[]) null));
    List<byte[]> cuts = new ArrayList<>();
    int h = HEADER.get(file);
    for (int cut : new int[] {0, 1, h / 2, h, b.length / 2, b.length - 1}) {
      if (cut >= 0 && cut < b.length) {
        cuts.add(Arrays.copyOf(b, cut));
      }
    }
    out.put("truncated", cuts);
    List<byte[]> header = new ArrayList<>();
    int hb = file.equals(CollectionFiles.SCHEMA) ? 0 : h;
    for (int i = 0; i < hb; i++) {
      byte[] d = b.clone();
      d[i] ^= (byte) (1 << (i % 8));
      header.add(d);
    }
    if (file.equals(CollectionFiles.SCHEMA)) {
      int at = new String(b, java.nio.charset.StandardCharsets.UTF_8).indexOf("\"format\": ") + 10;
      for (int bit = 0; bit < 8; bit++) {
        byte[] d = b.clone();
        d[at] ^= (byte) (1 << bit);
        header.add(d);
      }
    }
    out.put("header bit", header);
    List<byte[]> flips = new ArrayList<>();
    int from = Math.max(hb, dataFrom);
    for (int i = 0; i < 40 && from < b.length; i++) {
      byte[] d = b.clone();
      int at = from + rnd.nextInt(b.length - from);
      d[at] ^= (byte) (1 << rnd.nextInt(8));
      flips.add(d);
    }
    out.put("data bit", flips);
    if (file.equals(CollectionFiles.DATA) || file.equals(CollectionFiles.IDS)) {
      List<byte[]> live = new ArrayList<>();
      long stride =
          file.equals(CollectionFiles.IDS)
              ? VectorFile.ENTRY
              : VectorFile.strideOf(Workload.DIM, VectorFile.VERSION);
      int end = (int) (VectorFile.DATA_START + 300 * stride);
      for (int i = 0; i < 40; i++) {
        byte[] d = b.clone();
        int at = (int) VectorFile.DATA_START + rnd.nextInt(end - (int) VectorFile.DATA_START);
        d[at] ^= (byte) (1 << rnd.nextInt(8));
        live.add(d);
      }
      out.put("used-slot bit", live);
    }
    return out;
  }

  static Outcome run(State s, String file, byte[] damaged) throws IOException {
    SimStorageIO sim = s.sim().crash(null);
    Path target = DIR.resolve(file);
    if (damaged == null) {
      sim.delete(target);
      sim.syncDirectory(DIR);
    } else {
      sim.setBytes(target, damaged);
    }
    Outcome o;
    try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
      o = outcome(db, s, target);
      if (o == Outcome.CORRECT && file.equals(IdSequence.NAME)) {
        o = allocation(db.get("c"), s, target);
      }
    }
    for (String f : FILES) {
      boolean mayBeGone = f.equals(file) && damaged == null || f.equals(GraphFile.NAME);
      if (!mayBeGone && !sim.exists(DIR.resolve(f))) {
        return Outcome.DELETED;
      }
    }
    return o;
  }

  static Outcome outcome(Database db, State s, Path target) {
    TreeMap<Long, Row> model = s.model();
    var damage = db.damage("c");
    if (damage.isPresent()) {
      return damage.get().problem().file().equals(target) ? Outcome.DETECTED : Outcome.WRONG_FILE;
    }
    VectorCollection c = db.get("c");
    try {
      boolean same = c.size() == model.size();
      for (Row r : model.values()) {
        same &= r.equals(c.get(r.id()));
      }
      same &= Arrays.equals(c.ids(null), model.keySet().stream().mapToLong(x -> x).toArray());
      Random q = new Random(1);
      for (int i = 0; i < 5; i++) {
        float[] query = {(float) q.nextGaussian(), (float) q.nextGaussian(), 0, 1};
        for (Hit h : c.search(query, 10, Metric.L2, null)) {
          Row r = model.get(h.id());
          same &=
              r != null
                  && Math.abs(h.distance() - l2(query, r.vector())) <= 1e-4f * (1 + h.distance());
        }
      }
      if (!same) {
        boolean earlier = s.history().stream().anyMatch(m -> Workload.matches(c, m));
        if (!earlier) {
          return Outcome.SILENT;
        }
        CheckReport r = c.check();
        if (r.ok()) {
          return Outcome.PREFIX;
        }
        return r.problems().stream().allMatch(p -> p.file().equals(target))
            ? Outcome.DETECTED
            : Outcome.WRONG_FILE;
      }
    } catch (DamagedCollectionException e) {
      return e.problem().file().equals(target) ? Outcome.DETECTED : Outcome.WRONG_FILE;
    }
    CheckReport r = c.check();
    if (!r.ok()) {
      return r.problems().stream().allMatch(p -> p.file().equals(target))
          ? Outcome.DETECTED
          : Outcome.WRONG_FILE;
    }
    return Outcome.CORRECT;
  }

  /**
   * The outcome of allocating an id after damage to {@code ids.seq}: a refusal naming the file, or
   * an id the sequence never handed out; never one it did.
   */
  static Outcome allocation(VectorCollection c, State s, Path target) {
    try {
      return c.allocateIds(1)[0] > s.allocated() ? Outcome.CORRECT : Outcome.SILENT;
    } catch (CorruptFileException e) {
      return e.file().equals(target) ? Outcome.DETECTED : Outcome.WRONG_FILE;
    } catch (IOException e) {
      return Outcome.WRONG_FILE;
    }
  }

  static float l2(float[] a, float[] b) {
    return Metric.L2.distance(a, b);
  }

  @Test
  void everyDamageIsDetectedOrHarmless() throws IOException {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("DamageMatrixTest seed " + seed);
    Random rnd = new Random(seed);
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            "%-10s %-16s %-11s %6s %9s %8s %7s%n",
            "state", "file", "damage", "cases", "detected", "correct", "silent"));
    int[] total = new int[Outcome.values().length];
    List<String> bad = new ArrayList<>();
    for (boolean atRest : new boolean[] {true, false}) {
      State s = state(seed, atRest);
      for (String file : FILES) {
        byte[] b = s.sim().bytes(DIR.resolve(file));
        boolean mapped = file.equals(CollectionFiles.DATA) || file.equals(CollectionFiles.IDS);
        int dataFrom = mapped ? (int) VectorFile.DATA_START : 0;
        for (Map.Entry<String, List<byte[]>> e : damages(file, b, rnd, dataFrom).entrySet()) {
          boolean walTail =
              file.equals(CollectionFiles.WAL) && !atRest && !e.getKey().equals("header bit");
          int[] n = new int[Outcome.values().length];
          for (byte[] d : e.getValue()) {
            Outcome o = run(s, file, d);
            // A WAL that lost its tail (cut after its header, or its last record damaged) is what
            // a crash leaves: replay stops there and the collection holds an earlier state of the
            // write order (copy-on-write slots keep every such state whole). Counted apart.
            if (walTail && o != Outcome.DETECTED && o != Outcome.CORRECT && o != Outcome.DELETED) {
              o = Outcome.PREFIX;
            }
            n[o.ordinal()]++;
            total[o.ordinal()]++;
            if (o != Outcome.DETECTED && o != Outcome.CORRECT && o != Outcome.PREFIX) {
              bad.add(s.name() + " " + file + " " + e.getKey() + ": " + o);
            }
          }
          table.append(
              String.format(
                  "%-10s %-16s %-11s %6d %9d %8d %7d%s%n",
                  s.name(),
                  file,
                  e.getKey(),
                  e.getValue().size(),
                  n[0],
                  n[1],
                  n[2],
                  (n[3] + n[4] > 0 ? "  wrong file " + n[3] + ", deleted " + n[4] : "")
                      + (n[5] > 0 ? "  lost WAL tail " + n[5] : "")));
        }
      }
    }
    table.append(
        String.format(
            "%-39s %6d %9d %8d %7d  lost WAL tail %d%n",
            "total", Arrays.stream(total).sum(), total[0], total[1], total[2], total[5]));
    System.out.println(table);
    assertEquals(List.of(), bad, "seed " + seed);
  }
}
