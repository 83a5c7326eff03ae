package dev.veles.engine.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs {@code n} independent tasks on the calling thread plus up to {@code threads - 1} daemon
 * threads named {@code veles-hnsw-build-N}, which pull task numbers from a shared counter. The
 * first failure stops the others and is rethrown in the caller.
 */
final class ParallelBuild {
  private static final int REPORT_EVERY = 1024;

  private ParallelBuild() {}

  static void run(
      int n, int threads, IntConsumer task, BuildProgress progress, AtomicInteger names) {
    int t = Math.max(1, Math.min(threads, (n + REPORT_EVERY - 1) / REPORT_EVERY));
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long[] reported = {-1};
    Runnable worker =
        () -> {
          try {
            for (int i; failure.get() == null && (i = next.getAndIncrement()) < n; ) {
              task.accept(i);
              int d = done.incrementAndGet();
              if (d % REPORT_EVERY == 0 || d == n) {
                report(progress, reported, d, n);
              }
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        };
    List<Thread> started = new ArrayList<>();
    for (int i = 1; i < t; i++) {
      Thread th = new Thread(worker, "veles-hnsw-build-" + names.incrementAndGet());
      th.setDaemon(true);
      th.start();
      started.add(th);
    }
    worker.run();
    boolean interrupted = false;
    for (Thread th : started) {
      while (true) {
        try {
          th.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // finish joining: the workers hold the graph's write phase
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (n == 0) {
      progress.progress(0, 0);
    }
    Throwable f = failure.get();
    if (f instanceof RuntimeException re) {
      throw re;
    }
    if (f instanceof Error err) {
      throw err;
    }
  }

  private static void report(BuildProgress progress, long[] reported, int d, int n) {
    synchronized (reported) {
      if (d > reported[0]) {
        reported[0] = d;
        progress.progress(d, n);
      }
    }
  }
}
