package dev.veles.engine;

import java.util.Locale;

/**
 * When an acknowledged write reaches stable storage.
 *
 * <ul>
 *   <li>{@link #FSYNC}: a single write's WAL record is fsynced before the call returns; a batch is
 *       written to the WAL at once and synced by {@code flush()}.
 *   <li>{@link #FLUSH_ONLY}: WAL records are handed to the operating system; they survive a process
 *       crash but not a power loss before the next {@code flush()}.
 *   <li>{@link #NONE}: no WAL, for bulk imports; {@code flush()} syncs the data files and an import
 *       interrupted before it is detected on open.
 * </ul>
 */
public enum Durability {
  FSYNC,
  FLUSH_ONLY,
  NONE;

  /** Parses a mode name such as {@code fsync} or {@code flush_only}, ignoring case. */
  public static Durability parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown durability '" + name + "': use one of fsync, flush_only, none");
    }
  }
}
