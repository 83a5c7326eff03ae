package dev.veles.engine;

import dev.veles.engine.index.HnswIndex;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * The integrity check of one collection's files: re-reads and verifies every checksum, changing
 * nothing.
 *
 * <ul>
 *   <li>{@code collection.json}: its CRC32C member;
 *   <li>{@code vectors.idx}: its whole-file CRC32C and structure;
 *   <li>{@code vectors.dat} and {@code vectors.ids}: their headers, and each live slot's entry
 *       CRC32C, row id and vector CRC32C;
 *   <li>{@code vectors.wal}: its header and every record's CRC32C (a bad record followed by a valid
 *       one is damage; a torn tail is not);
 *   <li>{@code ids.seq} (if present): its header and CRC32C;
 *   <li>{@code vectors.hnsw}: its header and the graph's CRC32C footer and structure (derived data:
 *       damage there is reported, and {@code rebuild_index} or the next open rewrites it);
 *   <li>{@code values.dat} (if the columns have one, see {@link ValueStore}): its header and the
 *       CRC32C of every live row's stored value (derived data: the next open rebuilds it from
 *       {@code vectors.idx} and the WAL).
 * </ul>
 *
 * <p>Runs under the collection's writer lock (the caller holds it), so the files do not change
 * underneath; readers go on.
 */
final class IntegrityCheck {
  private static final Wal.Sink IGNORE =
      new Wal.Sink() {
        @Override
        public void put(long seq, long id, int slot, MemorySegment data) {}

        @Override
        public void patch(long seq, long id, int slot, MemorySegment data) {}

        @Override
        public void delete(long seq, long id, int slot) {}
      };

  private final CollectionFiles files;
  private final List<CheckReport.Problem> problems = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private IntegrityCheck(CollectionFiles files) {
    this.files = files;
  }

  /**
   * Checks the files of a collection whose in-memory state is {@code table}.
   *
   * @param checkpointSeq the sequence number of the checkpoint the WAL continues
   */
  static CheckReport run(
      CollectionFiles files, SlotTable table, long checkpointSeq, boolean importInterrupted) {
    IntegrityCheck c = new IntegrityCheck(files);
    c.schema();
    c.index();
    if (table.vectors != null) {
      c.vectors(table);
    }
    c.wal(checkpointSeq);
    c.sequence();
    if (table.vectors != null) {
      c.graph(table);
    }
    c.values(table);
    if (importInterrupted) {
      c.notes.add(
          files.name + ": a bulk import (durability NONE) was interrupted before this open");
    }
    return new CheckReport(c.problems, c.notes);
  }

  private void add(CorruptFileException e) {
    problems.add(CheckReport.Problem.of(files.name, e));
  }

  private void add(IOException e, String file) {
    if (e instanceof CorruptFileException c) {
      add(c);
    } else {
      problems.add(new CheckReport.Problem(files.name, files.file(file), 0, "unreadable: " + e));
    }
  }

  private void schema() {
    try {
      CollectionFiles.readSchema(files.io, files.dir);
      if (files.schemaFormat() < SchemaJson.FORMAT) {
        notes.add(
            files.name
                + ": "
                + CollectionFiles.SCHEMA
                + " is format v1 (no checksum); a writable"
                + " open upgrades it");
      }
    } catch (IOException e) {
      add(e, CollectionFiles.SCHEMA);
    }
  }

  private void index() {
    try {
      IdIndexFile.verify(
          files.io, files.file(CollectionFiles.INDEX), files.schema.dimension(), files.columns());
    } catch (IOException e) {
      add(e, CollectionFiles.INDEX);
    }
  }

  private void vectors(SlotTable table) {
    try {
      VectorFile.generationOf(files.io, files.file(CollectionFiles.DATA), files.schema.dimension());
    } catch (IOException e) {
      add(e, CollectionFiles.DATA);
    }
    if (table.vectors.idsPath() != null) {
      try {
        VectorFile.headerOf(files.io, table.vectors.idsPath(), true, files.schema.dimension());
      } catch (IOException e) {
        add(e, CollectionFiles.IDS);
      }
    }
    int v = table.vectors.version();
    if (v < VectorFile.VERSION) {
      notes.add(
          files.name
              + ": "
              + CollectionFiles.DATA
              + " is format v"
              + v
              + (v == 1 ? " (vectors carry no checksums)" : " (checksums in slot trailers)")
              + "; a writable open upgrades it");
    }
    table.checkVectors(this::add);
  }

  private void sequence() {
    try {
      IdSequence.read(files.io, files.file(IdSequence.NAME));
    } catch (IOException e) {
      add(e, IdSequence.NAME);
    }
  }

  private void wal(long checkpointSeq) {
    try {
      Wal.replay(
          files.io,
          files.file(CollectionFiles.WAL),
          checkpointSeq,
          files.codec.maxDataLength(),
          txid -> true, // framing only: which transactions committed is the commit log's check
          IGNORE);
    } catch (NoSuchFileException e) {
      if (files.schema.durability() != Durability.NONE) {
        add(new CorruptFileException(files.file(CollectionFiles.WAL), 0, "file missing"));
      }
    } catch (IOException e) {
      add(e, CollectionFiles.WAL);
    }
  }

  private void values(SlotTable table) {
    ValueStore store = table.columns.store();
    if (store == null) {
      return;
    }
    List<CorruptFileException> found = new ArrayList<>();
    if (!files.readOnly) { // read-only, the store is a private temporary file
      try {
        ValueStore.checkHeader(files.io, store.path());
      } catch (NoSuchFileException e) {
        found.add(new CorruptFileException(store.path(), 0, "file missing"));
      } catch (IOException e) {
        found.add(
            e instanceof CorruptFileException c
                ? c
                : new CorruptFileException(store.path(), 0, "unreadable: " + e));
      }
    }
    table.columns.checkStored(table.live, found::add);
    for (CorruptFileException c : found) {
      problems.add(
          new CheckReport.Problem(
              files.name,
              c.file(),
              c.offset(),
              c.problem() + " (derived data: reopening the database rebuilds it)"));
    }
  }

  private void graph(SlotTable table) {
    CollectionSchema s = files.schema;
    try {
      GraphFile.Loaded l =
          GraphFile.read(
              files.io, files.dir, CollectionIndex.sourceOf(table.vectors), s.metric(), s.index());
      HnswIndex index = l.index();
      index.close();
    } catch (NoSuchFileException e) {
      notes.add(files.name + ": no " + GraphFile.NAME + " (the next open builds the graph)");
    } catch (IOException | RuntimeException e) {
      CorruptFileException c =
          e instanceof CorruptFileException x
              ? x
              : new CorruptFileException(files.file(GraphFile.NAME), 0, "unreadable graph: " + e);
      problems.add(
          new CheckReport.Problem(
              files.name,
              c.file(),
              c.offset(),
              c.problem() + " (derived data: CALL rebuild_index rewrites it)"));
    }
  }
}
