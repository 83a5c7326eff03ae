package dev.veles.engine;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The repair of one closed collection directory: rebuilds its files from whatever is intact and
 * reports what could not be recovered. Never runs by itself ({@link Database#repair}).
 *
 * <p>Sources, each used only where its checksums hold: the last good {@code vectors.idx} (ids, live
 * set, column values); {@code vectors.ids} + {@code vectors.dat} (each slot's id and vector, proved
 * by the slot's CRC32Cs); the WAL's intact records after the checkpoint (whole rows and deletes, up
 * to the first bad record). Without an index the live rows are the slots whose entries prove an id
 * (a row deleted shortly before the damage may come back; said in the report).
 *
 * <p>Output, crash-safe like a compaction: new {@code vectors.dat}/{@code vectors.ids} (generation
 * g+1), {@code vectors.wal.tmp} (empty) and {@code vectors.idx.tmp} are written and forced, then
 * renamed, {@code vectors.dat} first; an open that finds the data file's generation ahead of the
 * index rolls the rest forward ({@link CollectionFiles}). The graph is rebuilt by the next open.
 *
 * <p>Not thread-safe; the caller owns the directory (the collection is closed).
 */
final class Salvage {
  private final CollectionFiles files;
  private final CollectionSchema schema;
  private final List<String> actions = new ArrayList<>();
  private final TreeMap<Long, float[]> vectors = new TreeMap<>();
  private final Map<Long, Object[]> values = new HashMap<>();
  private final TreeSet<Long> vectorLost = new TreeSet<>();
  private int unknownSlots;
  private long seq;
  private long generation;

  private Salvage(CollectionFiles files) {
    this.files = files;
    this.schema = files.schema;
  }

  /** Repairs the collection in {@code files.dir}; its schema must be readable. */
  static RepairReport run(CollectionFiles files) throws IOException {
    return new Salvage(files).repair();
  }

  private RepairReport repair() throws IOException {
    IdIndexFile.Snapshot snap = readIndex();
    VectorFile vf = schema.dimension() > 0 ? openVectors() : null;
    try {
      if (snap != null) {
        fromIndex(snap, vf);
      } else if (vf != null) {
        fromSlots(vf);
      }
      replayWal(snap);
    } finally {
      if (vf != null) {
        vf.close();
      }
    }
    TreeSet<Long> columnsLost = new TreeSet<>();
    TreeSet<Long> dropped = new TreeSet<>(vectorLost);
    boolean allNullable = schema.columns().stream().allMatch(ColumnSpec::nullable);
    for (long id : new ArrayList<>(vectors.keySet())) {
      if (!values.containsKey(id) && !schema.columns().isEmpty()) {
        columnsLost.add(id);
        if (!allNullable) {
          dropped.add(id);
          vectors.remove(id);
        }
      }
    }
    for (long id : vectorLost) {
      vectors.remove(id);
    }
    write();
    return new RepairReport(
        files.name, vectors.size(), actions, vectorLost, columnsLost, dropped, unknownSlots);
  }

  private IdIndexFile.Snapshot readIndex() {
    try {
      IdIndexFile.Snapshot s =
          IdIndexFile.read(
              files.io, files.file(CollectionFiles.INDEX), schema.dimension(), schema.columns());
      generation = s.generation();
      seq = s.checkpointSeq();
      actions.add(CollectionFiles.INDEX + ": sound, " + s.live().cardinality() + " rows");
      return s;
    } catch (IOException e) {
      actions.add(CollectionFiles.INDEX + ": lost (" + e.getMessage() + "); rebuilt");
      return null;
    }
  }

  private VectorFile openVectors() {
    try {
      VectorFile vf =
          VectorFile.open(
              files.io,
              files.file(CollectionFiles.DATA),
              files.file(CollectionFiles.IDS),
              schema.dimension(),
              false);
      generation = Math.max(generation, vf.generation());
      actions.add(CollectionFiles.DATA + " and " + CollectionFiles.IDS + ": headers sound");
      return vf;
    } catch (IOException e) {
      actions.add(
          "vectors unreadable ("
              + e.getMessage()
              + "): only rows written since the last checkpoint (in the WAL) keep their vectors");
      return null;
    }
  }

  /** Rows of the index; each vector kept only where its slot proves it. */
  private void fromIndex(IdIndexFile.Snapshot s, VectorFile vf) {
    int bad = 0;
    for (int slot = s.live().nextSetBit(0); slot >= 0; slot = s.live().nextSetBit(slot + 1)) {
      long id = s.ids()[slot];
      values.put(id, s.columns().get(slot));
      if (schema.dimension() == 0) {
        vectors.put(id, null);
      } else if (vf != null && slot < vf.capacity() && vf.check(slot, id) == null) {
        vectors.put(id, vf.read(slot));
      } else {
        vectorLost.add(id);
        bad++;
      }
    }
    if (bad > 0) {
      actions.add(bad + " vector slot(s) fail their checks");
    }
  }

  /** Rows proved by the side file alone (the index is lost). */
  private void fromSlots(VectorFile vf) throws IOException {
    int proved = 0;
    for (int slot = 0; slot < vf.capacity(); slot++) {
      long id = vf.provenId(slot);
      if (id != Long.MIN_VALUE) {
        vectors.put(id, vf.read(slot));
        proved++;
      } else if (vf.entryInUse(slot)) {
        unknownSlots++;
      }
    }
    actions.add(
        proved
            + " row(s) proved by "
            + CollectionFiles.IDS
            + " (rows deleted since the last flush may be back)");
  }

  /** Applies the WAL's intact records after the checkpoint (all of them if the index is lost). */
  private void replayWal(IdIndexFile.Snapshot snap) {
    long after =
        snap != null
            ? snap.checkpointSeq()
            : Wal.firstSeq(files.io, files.file(CollectionFiles.WAL)) - 1;
    int[] counts = new int[2];
    long vb = schema.dimension() * 4L;
    Wal.Sink sink =
        new Wal.Sink() {
          @Override
          public void put(long s, long id, int slot, MemorySegment data) {
            float[] v = null;
            if (vb > 0) {
              v = new float[schema.dimension()];
              MemorySegment.copy(data, RowCodec.FLOAT_LE, 0, v, 0, v.length);
            }
            vectors.put(id, v);
            values.put(id, files.codec.decodeValues(data, 0, data.byteSize()));
            vectorLost.remove(id);
            seq = Math.max(seq, s);
            counts[0]++;
          }

          @Override
          public void patch(long s, long id, int slot, MemorySegment data) {
            Object[] before = values.get(id);
            if (before != null) { // else the row was lost before: the patch has nothing to change
              values.put(id, files.codec.decodePatch(data, before));
            }
            seq = Math.max(seq, s);
            counts[0]++;
          }

          @Override
          public void delete(long s, long id, int slot) {
            vectors.remove(id);
            values.remove(id);
            vectorLost.remove(id);
            seq = Math.max(seq, s);
            counts[1]++;
          }
        };
    String how;
    try {
      Wal.replay(
          files.io,
          files.file(CollectionFiles.WAL),
          Math.max(0, after),
          files.codec.maxDataLength(),
          files.committed,
          sink);
      how = "intact";
    } catch (IOException e) {
      how = "damaged (" + e.getMessage() + "), replayed up to the damage";
    }
    actions.add(
        CollectionFiles.WAL
            + ": "
            + how
            + "; "
            + counts[0]
            + " put(s), "
            + counts[1]
            + " delete(s)");
  }

  /** Writes the rebuilt files and renames them into place, the data file first. */
  private void write() throws IOException {
    long gen = generation + 1;
    int n = vectors.size();
    long[] ids = new long[Math.max(16, n)];
    Columns cols = new Columns(schema.columns(), Math.max(16, n));
    BitSet live = new BitSet();
    live.set(0, n);
    StorageIO io = files.io;
    Path dataTmp = files.file(CollectionFiles.DATA + ".tmp");
    Path idsTmp = files.file(CollectionFiles.IDS + ".tmp");
    VectorFile nv =
        schema.dimension() > 0
            ? VectorFile.create(io, dataTmp, idsTmp, schema.dimension(), gen)
            : null;
    try {
      if (nv != null) {
        nv.ensureCapacity(Math.max(n, 1));
      }
      int slot = 0;
      Object[] nulls = new Object[schema.columns().size()];
      for (Map.Entry<Long, float[]> e : vectors.entrySet()) {
        ids[slot] = e.getKey();
        cols.set(slot, values.getOrDefault(e.getKey(), nulls));
        if (nv != null) {
          nv.write(slot, e.getValue(), e.getKey());
        }
        slot++;
      }
      if (nv != null) {
        nv.msync();
      }
    } finally {
      if (nv != null) {
        nv.close();
      }
    }
    Wal.create(io, files.file(CollectionFiles.WAL + ".tmp")).close();
    IdIndexFile.writeTemp(
        io,
        files.file(CollectionFiles.INDEX + ".tmp"),
        new IdIndexFile.Snapshot(gen, seq, n, live, ids, cols));
    Path walTmp = files.file(CollectionFiles.WAL + ".tmp");
    Path idxTmp = files.file(CollectionFiles.INDEX + ".tmp");
    if (nv != null) {
      // The data file's newer generation commits; open rolls the others forward.
      io.rename(dataTmp, files.file(CollectionFiles.DATA));
      io.rename(idsTmp, files.file(CollectionFiles.IDS));
      io.rename(walTmp, files.file(CollectionFiles.WAL));
      io.rename(idxTmp, files.file(CollectionFiles.INDEX));
    } else {
      // No data file: the index commits (its sequence number covers the old log's records).
      io.rename(idxTmp, files.file(CollectionFiles.INDEX));
      io.rename(walTmp, files.file(CollectionFiles.WAL));
    }
    io.delete(files.file(GraphFile.NAME));
    io.syncDirectory(files.dir);
    actions.add(
        "rewrote "
            + (nv != null ? CollectionFiles.DATA + ", " + CollectionFiles.IDS + ", " : "")
            + CollectionFiles.INDEX
            + " and an empty "
            + CollectionFiles.WAL
            + " (generation "
            + gen
            + "); the next open rebuilds the HNSW graph");
  }
}
