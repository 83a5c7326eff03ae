package dev.veles.sql.quidem;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts in the unified style ({@code -} expected, {@code +} actual, two lines of
 * context), used to show how a script's output differs from the script.
 *
 * <p>Longest common subsequence over lines: quadratic, which is fine for scripts of a few thousand
 * lines. Stateless and thread-safe.
 */
final class LineDiff {
  private static final int CONTEXT = 2;

  private LineDiff() {}

  /** Returns the diff of {@code expected} and {@code actual}, or an empty string if equal. */
  static String diff(String expected, String actual) {
    List<String> a = expected.lines().toList();
    List<String> b = actual.lines().toList();
    List<String> ops = edits(a, b);
    StringBuilder out = new StringBuilder();
    int lineA = 0;
    int lineB = 0;
    int lastPrinted = -1;
    for (int i = 0; i < ops.size(); i++) {
      String op = ops.get(i);
      if (op.charAt(0) != ' ') {
        int from = Math.max(lastPrinted + 1, i - CONTEXT);
        if (from > lastPrinted + 1) {
          out.append(String.format("@@ expected line %d, actual line %d%n", lineA + 1, lineB + 1));
        }
        for (int j = from; j < i; j++) {
          out.append(ops.get(j)).append('\n');
        }
        out.append(op).append('\n');
        lastPrinted = i;
      } else if (lastPrinted >= 0 && i - lastPrinted <= CONTEXT) {
        out.append(op).append('\n');
        lastPrinted = i;
      }
      lineA += op.charAt(0) == '+' ? 0 : 1;
      lineB += op.charAt(0) == '-' ? 0 : 1;
    }
    return out.toString();
  }

  /** The edit script: each line of both texts, prefixed by ' ', '-' or '+'. */
  private static List<String> edits(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> ops = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        ops.add(" " + a.get(i++));
        j++;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.add("-" + a.get(i++));
      } else {
        ops.add("+" + b.get(j++));
      }
    }
    return ops;
  }
}
