package dev.veles.server;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts failed authentications per client address and blocks an address that failed too often:
 * after {@code maxFailures} failures within a window, the address is refused (HTTP 429) until the
 * window that began with its first failure has passed.
 *
 * <p>Memory is bounded: at most {@link #MAX_TRACKED} addresses are tracked; when full, expired
 * entries are dropped and, if none expired, a new address's failure is not recorded (an attacker
 * needs that many addresses at once to get past the limit).
 *
 * <p>Thread-safe.
 */
final class FailureRateLimit {
  static final int MAX_TRACKED = 100_000;

  private final int maxFailures;
  private final long windowNanos;
  private final LongSupplier clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  private record Window(long start, int failures) {}

  /**
   * @param maxFailures failures allowed per window
   * @param windowNanos the window's length
   * @param clock nanosecond clock (tests pass a fake one)
   */
  FailureRateLimit(int maxFailures, long windowNanos, LongSupplier clock) {
    if (maxFailures < 1 || windowNanos <= 0) {
      throw new IllegalArgumentException("need maxFailures >= 1 and a positive window");
    }
    this.maxFailures = maxFailures;
    this.windowNanos = windowNanos;
    this.clock = clock;
  }

  /** Nanoseconds until {@code address} may try again, 0 if it may now. */
  long blockedFor(String address) {
    Window w = windows.get(address);
    if (w == null) {
      return 0;
    }
    long left = w.start + windowNanos - clock.getAsLong();
    if (left <= 0) {
      windows.remove(address, w);
      return 0;
    }
    return w.failures >= maxFailures ? left : 0;
  }

  /** Records one failure of {@code address}. */
  void failed(String address) {
    long now = clock.getAsLong();
    if (windows.size() >= MAX_TRACKED && !windows.containsKey(address)) {
      evictExpired(now);
      if (windows.size() >= MAX_TRACKED) {
        return;
      }
    }
    windows.compute(
        address,
        (a, w) ->
            w == null || now - w.start >= windowNanos
                ? new Window(now, 1)
                : new Window(w.start, w.failures + 1));
  }

  private void evictExpired(long now) {
    for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
      if (now - it.next().start >= windowNanos) {
        it.remove();
      }
    }
  }
}
