package dev.veles.bench.ann;

import java.util.ArrayList;
import java.util.List;

/** One library's measurements on one data set: build and recall-vs-QPS points. */
final class Curve {
  /**
   * One search setting: {@code qps} from the search thread's CPU time (robust on a shared machine),
   * {@code wallQps} from the wall clock.
   */
  record Point(int ef, double recall, double qps, double wallQps) {}

  final String library;
  final double buildSeconds;
  final double buildCpuSeconds;
  final int buildThreads;
  final int n;
  final List<Point> points = new ArrayList<>();

  Curve(String library, double buildSeconds, double buildCpuSeconds, int buildThreads, int n) {
    this.library = library;
    this.buildSeconds = buildSeconds;
    this.buildCpuSeconds = buildCpuSeconds;
    this.buildThreads = buildThreads;
    this.n = n;
  }

  double buildRate() {
    return n / buildSeconds;
  }

  /** Vectors per CPU-second of the whole process (all build threads, GC and JIT included). */
  double buildCpuRate() {
    return n / buildCpuSeconds;
  }

  /** QPS of the cheapest point reaching {@code recall}, or NaN when none does. */
  double qpsAt(double recall) {
    double best = Double.NaN;
    for (Point p : points) {
      if (p.recall() >= recall && (Double.isNaN(best) || p.qps() > best)) {
        best = p.qps();
      }
    }
    return best;
  }

  /** The smallest ef reaching {@code recall}, or -1. */
  int efAt(double recall) {
    int best = -1;
    for (Point p : points) {
      if (p.recall() >= recall && (best < 0 || p.ef() < best)) {
        best = p.ef();
      }
    }
    return best;
  }
}
