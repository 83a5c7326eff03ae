package dev.veles.bench.sql;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One timed pass of k-NN queries through a path: every query once, spread over the given searchers
 * (one client thread each, thread {@code t} taking queries {@code t, t + T, ...}).
 *
 * <p>Each pass is independent; the caller keeps its searchers open across passes so prepared
 * statements are reused, as an application would.
 */
final class KnnRun {
  /**
   * Process CPU time: on a machine shared with other processes it does not grow while this process
   * waits for a core, so its ratios between paths are steadier than wall-clock QPS.
   */
  private static final OperatingSystemMXBean CPU =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private KnnRun() {}

  /** What one pass measured; {@code ids[i]} are the results of query {@code i}. */
  record Pass(
      String path,
      int ef,
      int threads,
      double seconds,
      double cpuSeconds,
      long[] latencyNanos,
      long[][] ids) {
    double qps() {
      return ids.length / seconds;
    }

    /** Process CPU time per query in microseconds: client, server, JIT and GC threads alike. */
    double cpuMicros() {
      return cpuSeconds * 1e6 / ids.length;
    }

    /** The {@code q}-quantile of the per-query latency in milliseconds (nearest rank). */
    double latencyMs(double q) {
      long[] sorted = latencyNanos.clone();
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(q * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }
  }

  static Pass run(String path, List<KnnPath.Searcher> searchers, float[][] queries, int ef)
      throws Exception {
    int threads = searchers.size();
    long[] lat = new long[queries.length];
    long[][] ids = new long[queries.length][];
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      KnnPath.Searcher s = searchers.get(t);
      int first = t;
      workers[t] =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = first; i < queries.length; i += threads) {
                    long t0 = System.nanoTime();
                    ids[i] = s.search(queries[i], ef);
                    lat[i] = System.nanoTime() - t0;
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              },
              "knn-" + path + "-" + t);
      workers[t].start();
    }
    double outside0 = outsideCpu(searchers);
    long cpu0 = CPU.getProcessCpuTime();
    long t0 = System.nanoTime();
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    long wall = System.nanoTime() - t0;
    long cpu = CPU.getProcessCpuTime() - cpu0;
    double outside = outsideCpu(searchers) - outside0;
    if (failure.get() != null) {
      throw new IllegalStateException(
          path + " failed at ef " + ef + " on " + threads + " thread(s)", failure.get());
    }
    return new Pass(path, ef, threads, wall / 1e9, cpu / 1e9 + outside, lat, ids);
  }

  private static double outsideCpu(List<KnnPath.Searcher> searchers) throws Exception {
    double sum = 0;
    for (KnnPath.Searcher s : searchers) {
      sum += s.outsideCpuSeconds();
    }
    return sum;
  }
}
