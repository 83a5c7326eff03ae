package dev.veles.engine;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

/**
 * The files of one collection directory and the multi-file steps on them: creation, recovery on
 * open (compaction roll-forward, WAL replay), checkpoints and compaction.
 *
 * <p>Compaction is made atomic with generations: the new {@code vectors.dat} and {@code
 * vectors.ids} carry generation g+1 in their headers and are forced, then {@code vectors.idx.tmp}
 * (generation g+1) is forced, then they are renamed into place, {@code vectors.dat} first (the
 * commit point), and the directory synced. On open, an index or side file whose generation differs
 * from the data file's is replaced by its matching temp file (roll forward); leftover temp files
 * are otherwise deleted (roll back).
 *
 * <p>Not thread-safe; used under the collection's writer lock.
 */
final class CollectionFiles {
  static final String SCHEMA = "collection.json";
  static final String DATA = "vectors.dat";
  static final String IDS = "vectors.ids";
  static final String WAL = "vectors.wal";
  static final String INDEX = "vectors.idx";
  static final String IMPORT_MARKER = "import.pending";

  /**
   * Marks a collection directory whose create has not finished: written and synced before any data
   * file, deleted after {@code collection.json} is in place. Open deletes a directory only on this
   * proof (or when it is empty), never because a file is missing.
   */
  static final String CREATE_MARKER = "create.pending";

  private static final System.Logger LOG = System.getLogger(CollectionFiles.class.getName());

  final StorageIO io;
  final Path dir;
  final String name;

  /** Replaced only by {@link #replaceIndexSchema} (index metric and parameters, properties). */
  volatile CollectionSchema schema;

  final RowCodec codec;
  final boolean readOnly;

  /** Which multi-collection transactions committed: see {@link CommitLog}. */
  final java.util.function.LongPredicate committed;

  /** Makes the database's commit records durable (see {@link CommitLog}). */
  final CommitSync commitSync;

  /** Syncs the commit log. */
  @FunctionalInterface
  interface CommitSync {
    void force() throws IOException;
  }

  CollectionFiles(
      StorageIO io,
      Path dir,
      String name,
      CollectionSchema schema,
      boolean readOnly,
      java.util.function.LongPredicate committed,
      CommitSync commitSync) {
    this.io = io;
    this.dir = dir;
    this.name = name;
    this.schema = schema;
    this.codec = new RowCodec(name, schema);
    this.readOnly = readOnly;
    this.committed = committed;
    this.commitSync = commitSync;
  }

  Path file(String fileName) {
    return dir.resolve(fileName);
  }

  /**
   * Creates a collection's directory and files. The {@value #CREATE_MARKER} marker is made durable
   * first and removed last, after {@code collection.json} landed, so a crash at any step leaves a
   * directory that open recognises as an unfinished create. Each file is written to a temp name,
   * forced and renamed.
   */
  static void create(StorageIO io, Path dir, String name, CollectionSchema schema)
      throws IOException {
    create(io, dir, name, schema, false);
  }

  /**
   * Creates a collection's files; with {@code pending} the {@value #CREATE_MARKER} marker stays, so
   * that open deletes the collection until {@link #finishCreate} removes it.
   */
  static void create(StorageIO io, Path dir, String name, CollectionSchema schema, boolean pending)
      throws IOException {
    io.createDirectory(dir);
    io.syncDirectory(dir.getParent());
    Path marker = dir.resolve(CREATE_MARKER);
    try (StorageIO.FileIO m = io.open(marker, StorageIO.OpenMode.CREATE)) {
      m.force();
    }
    io.syncDirectory(dir);
    if (schema.dimension() > 0) {
      VectorFile.create(
              io, dir.resolve(DATA + ".tmp"), dir.resolve(IDS + ".tmp"), schema.dimension(), 1)
          .close();
      io.rename(dir.resolve(DATA + ".tmp"), dir.resolve(DATA));
      io.rename(dir.resolve(IDS + ".tmp"), dir.resolve(IDS));
    }
    Wal.create(io, dir.resolve(WAL + ".tmp")).close();
    io.rename(dir.resolve(WAL + ".tmp"), dir.resolve(WAL));
    IdIndexFile.writeTemp(
        io,
        dir.resolve(INDEX + ".tmp"),
        new IdIndexFile.Snapshot(
            1, 0, 0, new BitSet(), new long[16], new Columns(schema.columns(), 16)));
    io.rename(dir.resolve(INDEX + ".tmp"), dir.resolve(INDEX));
    writeAtomically(io, dir.resolve(SCHEMA), SchemaJson.toJson(schema));
    if (!pending) {
      finishCreate(io, dir);
    }
  }

  /** Removes the create marker (durably): the collection survives a crash from now on. */
  static void finishCreate(StorageIO io, Path dir) throws IOException {
    io.delete(dir.resolve(CREATE_MARKER));
    io.syncDirectory(dir);
  }

  /** Writes a small file via temp file, force, rename and directory sync. */
  static void writeAtomically(StorageIO io, Path target, String text) throws IOException {
    writeAtomically(io, target, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a small file of bytes via temp file, force, rename and directory sync. */
  static void writeAtomically(StorageIO io, Path target, byte[] b) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (StorageIO.FileIO f = io.open(tmp, StorageIO.OpenMode.CREATE)) {
      f.truncate(0);
      f.write(ByteBuffer.wrap(b), 0);
      f.force();
    }
    io.rename(tmp, target);
    io.syncDirectory(target.getParent());
  }

  /** Reads {@code collection.json} of {@code dir}. */
  static CollectionSchema readSchema(StorageIO io, Path dir) throws IOException {
    return SchemaJson.fromJson(readSchemaText(io, dir), dir.resolve(SCHEMA));
  }

  /** The format of this collection's {@code collection.json} (1 or {@link SchemaJson#FORMAT}). */
  int schemaFormat() throws IOException {
    return SchemaJson.formatOf(readSchemaText(io, dir), file(SCHEMA));
  }

  /**
   * Makes {@code next} the schema, on disk and here: deletes the graph file first (and syncs the
   * directory), then replaces {@code collection.json} atomically. A crash leaves the old schema or
   * the new one, with no graph file or the graph of its own metric, never the graph of the other:
   * the next open rebuilds a missing graph. {@code next} may differ from the current schema only in
   * its metric, index parameters and properties (the files' layout stays).
   */
  void replaceIndexSchema(CollectionSchema next) throws IOException {
    CollectionSchema cur = schema;
    if (next.dimension() != cur.dimension()
        || !next.columns().equals(cur.columns())
        || next.durability() != cur.durability()) {
      throw new IllegalArgumentException("only the index and properties of a schema may change");
    }
    Path graph = file(GraphFile.NAME);
    if (io.exists(graph)) {
      io.delete(graph);
      io.syncDirectory(dir);
    }
    writeAtomically(io, file(SCHEMA), SchemaJson.toJson(next));
    schema = next;
  }

  /**
   * Makes {@code next}, which differs from the current schema only in its secondary indexes ({@link
   * CollectionSchema#indexes()}), the schema: replaces {@code collection.json} atomically, so a
   * crash leaves the old index definitions or the new ones (the indexes' contents are derived from
   * the rows on open).
   */
  void replaceSecondaryIndexes(CollectionSchema next) throws IOException {
    if (!next.withIndexes(schema.indexes()).equals(schema)) {
      throw new IllegalArgumentException("only the secondary indexes of a schema may change");
    }
    writeAtomically(io, file(SCHEMA), SchemaJson.toJson(next));
    schema = next;
  }

  /** Rewrites {@code collection.json} in the current format (atomically). */
  void rewriteSchema() throws IOException {
    writeAtomically(io, file(SCHEMA), SchemaJson.toJson(schema));
  }

  static String readSchemaText(StorageIO io, Path dir) throws IOException {
    Path p = dir.resolve(SCHEMA);
    try (StorageIO.FileIO f = io.open(p, StorageIO.OpenMode.READ)) {
      long size = f.size();
      if (size > (16 << 20)) {
        throw new CorruptFileException(p, 0, "schema file of " + size + " bytes");
      }
      ByteBuffer b = ByteBuffer.allocate((int) size);
      f.readFully(b, 0);
      return new String(b.array(), StandardCharsets.UTF_8);
    }
  }

  /**
   * What recovery hands to the collection.
   *
   * @param checkpointSeq the sequence number of the index file's checkpoint
   * @param needsCheckpoint whether replay changed anything (or a bulk import was interrupted), so
   *     the collection should checkpoint once it is set up, to restart the WAL clean
   * @param replayed the slots the WAL replay wrote vectors to, with the sequence numbers
   */
  record Recovered(
      SlotTable table,
      Wal wal,
      long seq,
      long generation,
      boolean importInterrupted,
      long checkpointSeq,
      boolean needsCheckpoint,
      ReplayedSlots replayed) {}

  /** Slots written by replayed records, in log order, with each record's sequence number. */
  static final class ReplayedSlots {
    private int[] slots = new int[16];
    private long[] seqs = new long[16];
    private int count;

    void add(int slot, long seq) {
      if (count == slots.length) {
        slots = java.util.Arrays.copyOf(slots, count * 2);
        seqs = java.util.Arrays.copyOf(seqs, count * 2);
      }
      slots[count] = slot;
      seqs[count++] = seq;
    }

    /** The slots written by records with a sequence number above {@code seq}. */
    BitSet after(long seq) {
      BitSet out = new BitSet();
      for (int i = 0; i < count; i++) {
        if (seqs[i] > seq) {
          out.set(slots[i]);
        }
      }
      return out;
    }
  }

  /**
   * Opens the files, finishing or undoing an interrupted compaction and replaying the WAL. The
   * replayed state is not yet a checkpoint: see {@link Recovered#needsCheckpoint()}.
   */
  Recovered recover() throws IOException {
    ValueStore store = newValueStore(ValueStore.NAME);
    IdIndexFile.Snapshot snap;
    try {
      snap = loadIndex(store);
    } catch (IOException | RuntimeException e) {
      if (store != null) {
        store.close();
      }
      throw e;
    }
    VectorFile vectors = null;
    SlotTable table = null;
    try {
      if (schema.dimension() > 0) {
        vectors = VectorFile.open(io, file(DATA), idsPath, schema.dimension(), !readOnly);
        CorruptFileException shortFile = vectors.shorterThan(snap.slotCount());
        if (shortFile != null) {
          throw shortFile;
        }
      }
      table = new SlotTable(schema.dimension(), vectors, snap);
      boolean marker = io.exists(file(IMPORT_MARKER));
      if (marker) {
        LOG.log(
            System.Logger.Level.WARNING,
            "collection {0}: a bulk import (durability NONE) was interrupted; rows written after"
                + " its last flush may be lost or damaged",
            name);
      }
      Replayer rep = new Replayer(table, readOnly);
      Wal.Replay r =
          Wal.replay(io, file(WAL), snap.checkpointSeq(), codec.maxDataLength(), committed, rep);
      long seq = Math.max(r.lastSeq(), snap.checkpointSeq());
      table.releasePending();
      table.resetFree();
      Wal wal = readOnly ? null : Wal.open(io, file(WAL), r.end(), r.version());
      // A skipped transaction's group must be gone before the commit log is truncated.
      boolean needsCheckpoint = r.applied() > 0 || r.dropped() > 0 || r.skipped() > 0 || marker;
      return new Recovered(
          table,
          wal,
          seq,
          snap.generation(),
          marker,
          snap.checkpointSeq(),
          needsCheckpoint,
          rep.replayed);
    } catch (IOException | RuntimeException e) {
      if (table != null) {
        table.close();
      } else {
        if (vectors != null) {
          vectors.close();
        }
        if (store != null) {
          store.close();
        }
      }
      throw e;
    }
  }

  /**
   * The side file recovery opens: {@code vectors.ids}, or its temp file in a read-only roll
   * forward.
   */
  private Path idsPath;

  /**
   * A fresh, empty value store for this collection's long values at {@code fileName} (replacing any
   * file there: the store is derived, see {@link ValueStore}), a temporary file when read-only;
   * null when no column can hold a long value.
   */
  ValueStore newValueStore(String fileName) throws IOException {
    if (!Columns.needsStore(schema.columns())) {
      return null;
    }
    return readOnly ? ValueStore.temporary(name) : ValueStore.create(io, file(fileName), name);
  }

  private IdIndexFile.Snapshot loadIndex(ValueStore store) throws IOException {
    Path idx = file(INDEX);
    Path tmp = file(INDEX + ".tmp");
    IdIndexFile.Snapshot snap;
    IOException unreadable = null;
    try {
      snap = IdIndexFile.read(io, idx, schema.dimension(), schema.columns(), store);
    } catch (IOException e) {
      if (schema.dimension() == 0) {
        throw e;
      }
      // A repair of a damaged index may have stopped after its data file landed: rolled forward.
      unreadable = e;
      snap = null;
    }
    idsPath = file(IDS);
    if (schema.dimension() > 0) {
      long[] dataHeader = VectorFile.headerOf(io, file(DATA), false, schema.dimension());
      long dataGen = dataHeader[0];
      if (dataHeader[1] >= 3) {
        idsPath = sideFileOf(dataGen);
      }
      if (snap == null || dataGen != snap.generation()) {
        IdIndexFile.Snapshot next = io.exists(tmp) ? tryRead(tmp, store) : null;
        if ((next == null || next.generation() != dataGen) && unreadable != null) {
          throw unreadable;
        }
        if (next == null || next.generation() != dataGen) {
          throw new CorruptFileException(
              idx,
              0,
              "index generation "
                  + snap.generation()
                  + " does not match "
                  + DATA
                  + " generation "
                  + dataGen);
        }
        if (!readOnly) {
          LOG.log(
              System.Logger.Level.INFO,
              "collection {0}: finishing an interrupted compaction or repair",
              name);
          if (io.exists(file(WAL + ".tmp"))) {
            io.rename(file(WAL + ".tmp"), file(WAL)); // a repair's fresh log
          }
          io.rename(tmp, idx);
          io.syncDirectory(dir);
        }
        snap = next; // read-only: the finished compaction's index, read from its temp file
      }
    }
    if (!readOnly) {
      io.delete(tmp);
      io.delete(file(DATA + ".tmp"));
      io.delete(file(IDS + ".tmp"));
      io.delete(file(WAL + ".tmp"));
      io.delete(file(SCHEMA + ".tmp"));
      io.delete(file(IdSequence.NAME + ".tmp"));
      io.delete(file(GraphFile.NAME + ".tmp"));
      io.delete(file(ValueStore.NEXT));
      if (store == null) {
        io.delete(file(ValueStore.NAME)); // left by a schema whose text columns were dropped
      }
    }
    return snap;
  }

  /**
   * The side file that belongs to a {@code vectors.dat} of generation {@code gen}: {@code
   * vectors.ids}, or, after a compaction interrupted between its renames, its temp file (renamed
   * into place unless read-only). A missing or mismatched side file is left for {@link
   * VectorFile#open} to report.
   */
  private Path sideFileOf(long gen) throws IOException {
    Path ids = file(IDS);
    Path tmp = file(IDS + ".tmp");
    if (io.exists(ids) && generationOf(ids) == gen || !io.exists(tmp) || generationOf(tmp) != gen) {
      return ids;
    }
    if (readOnly) {
      return tmp;
    }
    LOG.log(System.Logger.Level.INFO, "collection {0}: finishing an interrupted compaction", name);
    io.rename(tmp, ids);
    io.syncDirectory(dir);
    return ids;
  }

  private long generationOf(Path ids) {
    try {
      return VectorFile.headerOf(io, ids, true, schema.dimension())[0];
    } catch (IOException e) {
      return -1;
    }
  }

  /** Reads the checkpoint {@code p} into an emptied {@code store}; null if it is unreadable. */
  private IdIndexFile.Snapshot tryRead(Path p, ValueStore store) {
    if (store != null) {
      store.reset(); // whatever the first read left there belongs to no snapshot
    }
    try {
      return IdIndexFile.read(io, p, schema.dimension(), schema.columns(), store);
    } catch (IOException e) {
      return null;
    }
  }

  /** Replaces the index file with {@code s} (temp, force, rename, directory sync). */
  void writeIndex(IdIndexFile.Snapshot s) throws IOException {
    IdIndexFile.write(io, file(INDEX + ".tmp"), file(INDEX), s);
  }

  /**
   * Writes the compacted files (in the current format: a compaction also upgrades) and renames them
   * into place; returns the new vector file. Each copied slot is checked first, so a damaged vector
   * is reported, never given a fresh checksum.
   */
  VectorFile compact(VectorFile old, int[] order, IdIndexFile.Snapshot s) throws IOException {
    Path dataTmp = file(DATA + ".tmp");
    Path idsTmp = file(IDS + ".tmp");
    if (old != null) {
      try (VectorFile nv =
          VectorFile.create(io, dataTmp, idsTmp, schema.dimension(), s.generation())) {
        nv.ensureCapacity(Math.max(order.length, 1));
        MemorySegment src = old.slots();
        long[] ids = s.ids();
        for (int i = 0; i < order.length; i++) {
          CorruptFileException e = old.check(order[i], ids[i]);
          if (e != null) {
            throw e;
          }
          nv.write(i, src.asSlice(order[i] * old.stride(), old.stride()), ids[i]);
        }
        nv.msync();
      }
    }
    IdIndexFile.writeTemp(io, file(INDEX + ".tmp"), s);
    if (old != null) {
      io.rename(dataTmp, file(DATA)); // the commit point: open rolls the other two forward
      io.rename(idsTmp, file(IDS));
    }
    io.rename(file(INDEX + ".tmp"), file(INDEX));
    io.syncDirectory(dir);
    return old == null
        ? null
        : VectorFile.open(io, file(DATA), file(IDS), schema.dimension(), true);
  }

  void createImportMarker() throws IOException {
    io.open(file(IMPORT_MARKER), StorageIO.OpenMode.CREATE).close();
    io.syncDirectory(dir);
  }

  void deleteImportMarker() throws IOException {
    if (io.exists(file(IMPORT_MARKER))) {
      io.delete(file(IMPORT_MARKER));
      io.syncDirectory(dir);
    }
  }

  /**
   * Replaces an emptied log of an older format by an empty one of the current format (temporary
   * file, rename, directory sync: a crash leaves one empty log or the other), so that later writes
   * may use the current format's records. Closes {@code old}.
   */
  Wal renewWal(Wal old) throws IOException {
    old.close();
    Wal.create(io, file(WAL + ".tmp")).close();
    io.rename(file(WAL + ".tmp"), file(WAL));
    io.syncDirectory(dir);
    return Wal.open(io, file(WAL), Wal.FILE_HEADER, Wal.VERSION);
  }

  /** Applies replayed records to the table. */
  private final class Replayer implements Wal.Sink {
    private final SlotTable table;
    private final boolean detach;
    final ReplayedSlots replayed = new ReplayedSlots();

    Replayer(SlotTable table, boolean detach) {
      this.table = table;
      this.detach = detach;
    }

    private void detachIfReadOnly() {
      // A read-only database must not write its files: replay into a private copy instead.
      if (detach && table.vectors != null) {
        table.vectors.detach();
      }
    }

    @Override
    public void put(long seq, long id, int slot, MemorySegment data) throws IOException {
      detachIfReadOnly();
      Object[] values = codec.decodeValues(data, 0, data.byteSize());
      long vb = schema.dimension() * 4L;
      table.put(id, slot, null, vb > 0 ? data.asSlice(0, vb) : null, values);
      replayed.add(slot, seq);
    }

    @Override
    public void patch(long seq, long id, int slot, MemorySegment data) throws IOException {
      // Columns only: the slot's vector is the one an earlier record or the checkpoint wrote.
      table.patch(id, slot, codec.decodePatch(data, table.columns.get(slot)));
    }

    @Override
    public void delete(long seq, long id, int slot) {
      detachIfReadOnly();
      if (table.slotOf(id) == slot) {
        table.delete(id);
      }
    }
  }

  List<ColumnSpec> columns() {
    return schema.columns();
  }
}
