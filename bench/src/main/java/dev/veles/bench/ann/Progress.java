package dev.veles.bench.ann;

import dev.veles.engine.index.BuildProgress;

/** Prints build progress every so many vectors. */
final class Progress {
  private Progress() {}

  static BuildProgress every(long step, String what) {
    long t0 = System.nanoTime();
    long[] next = {Math.max(1, step)};
    return (done, total) -> {
      if (done >= next[0] || done == total) {
        next[0] = done + Math.max(1, step);
        System.out.printf(
            "  %s build %d/%d (%.0f s)%n", what, done, total, (System.nanoTime() - t0) / 1e9);
      }
    };
  }
}
