package dev.veles.slt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pinned list of queries Veles passes: per file, the number of queries the file holds and the
 * ordinals of the passing ones as ranges ({@code test/select1.test<TAB>1000<TAB>0-41,43-999}).
 *
 * <p>The query count guards against a changed corpus: a file whose count differs from the pin fails
 * the check rather than comparing ordinals that mean other queries. Immutable.
 */
record Pins(Map<String, Pinned> files) {
  static final String RESOURCE = "/slt/passing.txt";

  /** One file's pin. */
  record Pinned(int queries, BitSet passing) {}

  static Pins load() throws IOException {
    Map<String, Pinned> files = new TreeMap<>();
    try (InputStream in = Pins.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the test resources");
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        files.put(f[0], new Pinned(Integer.parseInt(f[1]), parseRanges(f[2])));
      }
    }
    return new Pins(files);
  }

  /** These pins with the files of {@code results} replaced by what those runs passed. */
  Pins with(Iterable<FileRun.Result> results) {
    Map<String, Pinned> merged = new TreeMap<>(files);
    for (FileRun.Result r : results) {
      if (r.selected() == r.queries()) {
        merged.put(r.file(), new Pinned(r.queries(), r.passed()));
      }
    }
    return new Pins(merged);
  }

  void write(Path path) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "# Queries Veles passes, per sqllogictest file: file, query count, passing ordinals.\n");
    sb.append("# Written by: mvn -pl sqllogictest -am verify -Dveles.slt.full=true");
    sb.append(" -Dveles.slt.pin=true\n");
    for (Map.Entry<String, Pinned> e : files.entrySet()) {
      sb.append(e.getKey())
          .append('\t')
          .append(e.getValue().queries())
          .append('\t')
          .append(ranges(e.getValue().passing()))
          .append('\n');
    }
    Files.writeString(path, sb.toString(), StandardCharsets.UTF_8);
  }

  static String ranges(BitSet set) {
    StringBuilder sb = new StringBuilder();
    for (int start = set.nextSetBit(0); start >= 0; ) {
      int end = set.nextClearBit(start) - 1;
      if (!sb.isEmpty()) {
        sb.append(',');
      }
      sb.append(start);
      if (end > start) {
        sb.append('-').append(end);
      }
      start = set.nextSetBit(end + 1);
    }
    return sb.toString();
  }

  static BitSet parseRanges(String text) {
    BitSet set = new BitSet();
    if (text.isEmpty()) {
      return set;
    }
    for (String part : text.split(",")) {
      int dash = part.indexOf('-');
      if (dash < 0) {
        set.set(Integer.parseInt(part));
      } else {
        set.set(
            Integer.parseInt(part.substring(0, dash)),
            Integer.parseInt(part.substring(dash + 1)) + 1);
      }
    }
    return set;
  }
}
