package dev.veles.engine.index;

/**
 * Receives the progress of a bulk build or reconcile. Calls come from build threads, one at a time
 * (they are serialised), with {@code done} never decreasing; the last call has {@code done ==
 * total}. Keep it cheap: it runs on the build's critical path.
 */
@FunctionalInterface
public interface BuildProgress {
  BuildProgress NONE = (done, total) -> {};

  void progress(long done, long total);
}
