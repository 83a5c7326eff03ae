package dev.veles.calcite;

import java.util.Collection;
import java.util.Locale;

/**
 * The nearest known name to a misspelt one, by edit distance (Levenshtein, case-insensitive), for
 * the "did you mean" of an unknown column or table. A name further than a third of its length (at
 * least two edits) from every candidate gets no suggestion, so a wholly different name is not
 * "corrected".
 *
 * <p>Stateless and thread-safe.
 */
final class NameSuggestions {
  private NameSuggestions() {}

  /** The candidate nearest to {@code name}, or null when none is near enough. */
  static String nearest(String name, Collection<String> candidates) {
    String lower = name.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, lower.length() / 3);
    String best = null;
    int bestDistance = limit + 1;
    for (String c : candidates) {
      int d = distance(lower, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** {@code ; did you mean "x"?} for the nearest candidate, or "" when there is none. */
  static String didYouMean(String name, Collection<String> candidates) {
    String near = nearest(name, candidates);
    return near == null ? "" : "; did you mean \"" + near + "\"?";
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
