package dev.veles.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A change of a collection's scalar columns (add, drop, rename, nullability) and properties, made
 * on its files while the collection is closed and checkpointed (its WAL empty, every row in {@code
 * vectors.idx}).
 *
 * <p>Crash atomicity: when the column layout changes, the rows are rewritten into a new checkpoint
 * {@code vectors.idx.alter-<crc>} (temp file, force, rename, directory sync), where {@code <crc>}
 * is the CRC32C of the new {@code collection.json} text, 8 hex digits; then {@code collection.json}
 * is replaced atomically (the commit point); then the new checkpoint is renamed over {@code
 * vectors.idx}. On open, {@link #recover} finishes a change whose schema landed (the pending file's
 * tag matches the schema text: roll forward) and deletes one whose schema did not (roll back), so a
 * crash at any step opens the old table or the new one, never a mix. The pending file is an
 * ordinary checkpoint with its header and checksum. The vectors, the graph and the id sequence do
 * not depend on the scalar columns and stay as they are.
 *
 * <p>Not thread-safe: the {@link Database} runs it under its lock with the collection closed.
 */
final class SchemaChange {
  static final String PENDING_PREFIX = CollectionFiles.INDEX + ".alter-";

  private SchemaChange() {}

  /**
   * Rewrites the files of the closed collection in {@code dir} from schema {@code cur} to {@code
   * next}: new column {@code c} takes old column {@code source[c]}, or {@code fill} when that is
   * -1.
   *
   * @throws IllegalArgumentException if a value does not fit its new column (a NULL in a NOT NULL
   *     column, for one); nothing changed
   */
  static void apply(
      StorageIO io,
      Path dir,
      String name,
      CollectionSchema cur,
      CollectionSchema next,
      int[] source,
      ColumnFill fill)
      throws IOException {
    check(cur, next, source);
    Path wal = dir.resolve(CollectionFiles.WAL);
    try (StorageIO.FileIO f = io.open(wal, StorageIO.OpenMode.READ)) {
      if (f.size() > Wal.FILE_HEADER) {
        throw new IllegalStateException(name + ": WAL not empty before a schema change");
      }
    }
    String text = SchemaJson.toJson(next);
    Path schemaFile = dir.resolve(CollectionFiles.SCHEMA);
    if (sameLayout(cur.columns(), next.columns(), source)) {
      CollectionFiles.writeAtomically(io, schemaFile, text);
      return;
    }
    // Long values pass through a scratch value store (the closed collection's own: derived, and
    // rebuilt by the next open), so that a table of long texts is rewritten in a bounded heap.
    ValueStore scratch =
        Columns.needsStore(cur.columns())
            ? ValueStore.create(io, dir.resolve(ValueStore.NAME), name)
            : null;
    try {
      rewrite(io, dir, name, cur, next, source, fill, text, scratch);
    } finally {
      if (scratch != null) {
        scratch.close();
      }
    }
  }

  private static void rewrite(
      StorageIO io,
      Path dir,
      String name,
      CollectionSchema cur,
      CollectionSchema next,
      int[] source,
      ColumnFill fill,
      String text,
      ValueStore scratch)
      throws IOException {
    Path idx = dir.resolve(CollectionFiles.INDEX);
    IdIndexFile.Snapshot s = IdIndexFile.read(io, idx, cur.dimension(), cur.columns(), scratch);
    RowCodec codec = new RowCodec(name, next);
    Columns out = new Columns(next.columns(), Math.max(16, s.slotCount()), scratch);
    Object[] values = new Object[next.columns().size()];
    for (int i = s.live().nextSetBit(0);
        i >= 0 && i < s.slotCount();
        i = s.live().nextSetBit(i + 1)) {
      long id = s.ids()[i];
      for (int c = 0; c < values.length; c++) {
        values[c] = source[c] >= 0 ? s.columns().value(source[c], i) : fill.value(id, c);
      }
      out.set(i, codec.checkValues(id, values));
    }
    IdIndexFile.Snapshot ns =
        new IdIndexFile.Snapshot(
            s.generation(), s.checkpointSeq(), s.slotCount(), s.live(), s.ids(), out);
    Path pending = dir.resolve(PENDING_PREFIX + tag(text));
    IdIndexFile.write(io, dir.resolve(pending.getFileName() + ".tmp"), pending, ns);
    CollectionFiles.writeAtomically(io, dir.resolve(CollectionFiles.SCHEMA), text); // commit point
    io.rename(pending, idx);
    io.syncDirectory(dir);
  }

  private static void check(CollectionSchema cur, CollectionSchema next, int[] source) {
    if (next.dimension() != cur.dimension() || next.durability() != cur.durability()) {
      throw new IllegalArgumentException("a schema change keeps the dimension and durability");
    }
    if (source.length != next.columns().size()) {
      throw new IllegalArgumentException(
          source.length + " sources for " + next.columns().size() + " columns");
    }
    for (int c = 0; c < source.length; c++) {
      int s = source[c];
      if (s >= cur.columns().size()
          || (s >= 0 && cur.columns().get(s).type() != next.columns().get(c).type())) {
        throw new IllegalArgumentException(
            "column " + next.columns().get(c).name() + ": bad source " + s);
      }
    }
  }

  /** Whether every row's stored values stay valid as they are (only names or properties change). */
  private static boolean sameLayout(List<ColumnSpec> cur, List<ColumnSpec> next, int[] source) {
    if (cur.size() != next.size()) {
      return false;
    }
    for (int c = 0; c < source.length; c++) {
      ColumnSpec a = cur.get(c);
      ColumnSpec b = next.get(c);
      if (source[c] != c || a.length() != b.length() || (a.nullable() && !b.nullable())) {
        return false; // a tighter column is checked against every row by a rewrite
      }
    }
    return true;
  }

  private static String tag(String schemaText) {
    CRC32C crc = new CRC32C();
    crc.update(schemaText.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", (int) crc.getValue());
  }

  /**
   * Finishes or undoes a change that a crash interrupted (see the class comment); leftover temp
   * files go. Read-only, a change whose schema landed cannot be finished: that is reported as
   * damage, so the table is not read through a checkpoint of the old layout.
   */
  static void recover(StorageIO io, Path dir, boolean readOnly) throws IOException {
    String tag = null;
    for (Path p : io.list(dir)) {
      String n = p.getFileName().toString();
      if (!n.startsWith(PENDING_PREFIX)) {
        continue;
      }
      if (tag == null) {
        tag = tag(CollectionFiles.readSchemaText(io, dir));
      }
      boolean landed = n.equals(PENDING_PREFIX + tag);
      if (landed && readOnly) {
        throw new CorruptFileException(
            p, 0, "an interrupted ALTER TABLE must be finished by a writable open");
      }
      if (!readOnly) {
        if (landed) {
          io.rename(p, dir.resolve(CollectionFiles.INDEX));
        } else {
          io.delete(p);
        }
        io.syncDirectory(dir);
      }
    }
  }
}
