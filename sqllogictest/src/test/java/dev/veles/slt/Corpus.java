package dev.veles.slt;

import java.util.ArrayList;
import java.util.List;
import net.hydromatic.sqllogictest.Main;

/**
 * The sqllogictest files Veles runs: {@code select1}–{@code select5} whole and every tenth file of
 * {@code index/*} in path order, a fixed sample of about a tenth of the index corpus.
 */
final class Corpus {
  static final List<String> SELECT =
      List.of(
          "test/select1.test",
          "test/select2.test",
          "test/select3.test",
          "test/select4.test",
          "test/select5.test");

  private Corpus() {}

  /** Every tenth index file, starting at the first, in path order. */
  static List<String> indexSample() {
    List<String> index = new ArrayList<>();
    for (String f : Main.getTestList()) {
      if (f.startsWith("test/index/")) {
        index.add(f);
      }
    }
    index.sort(null);
    List<String> sample = new ArrayList<>();
    for (int i = 0; i < index.size(); i += 10) {
      sample.add(index.get(i));
    }
    return sample;
  }

  static List<String> all() {
    List<String> all = new ArrayList<>(SELECT);
    all.addAll(indexSample());
    return all;
  }
}
