package dev.veles.server;

import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * A server-wide allowance of heap bytes that requests reserve before they spend them: a request
 * waits while others hold the allowance, so many large requests at once queue instead of exhausting
 * the heap together. A reservation larger than the whole allowance can never be granted and is
 * refused at once with SQLSTATE 54000; one that waits longer than the wait limit gets 53200 ("out
 * of memory", try again).
 *
 * <p>Thread-safe (a monitor). Reservations are released with {@link Reservation#close()}.
 */
final class MemoryBudget {
  static final String OUT_OF_MEMORY = "53200";

  private final String name;
  private final long capacity;
  private final long waitNanos;
  private long used;

  /**
   * @param name what the budget is for, in messages ("request decoding", "statement planning")
   * @param capacity bytes that may be reserved at once
   * @param waitNanos how long a reservation waits for room
   */
  MemoryBudget(String name, long capacity, long waitNanos) {
    if (capacity < 1) {
      throw new IllegalArgumentException("memory budget must be positive: " + capacity);
    }
    this.name = name;
    this.capacity = capacity;
    this.waitNanos = waitNanos;
  }

  /** A granted reservation; closing it returns the bytes. */
  interface Reservation extends AutoCloseable {
    @Override
    void close();
  }

  private static final Reservation NOTHING = () -> {};

  /**
   * Reserves {@code bytes}, waiting for room.
   *
   * @param what the request, for the message ("a request body of 12 MB")
   * @throws AvaticaRuntimeException 54000 if {@code bytes} exceeds the whole budget, 53200 if no
   *     room was found in time
   */
  Reservation reserve(long bytes, String what) {
    if (bytes <= 0) {
      return NOTHING;
    }
    if (bytes > capacity) {
      throw new AvaticaRuntimeException(
          what
              + " needs about "
              + mb(bytes)
              + " of server memory for "
              + name
              + ", more than its whole budget of "
              + mb(capacity)
              + " (a quarter of the server's heap, -Xmx); send less at once or pass values as"
              + " parameters",
          0,
          StatementLimit.PROGRAM_LIMIT_EXCEEDED,
          AvaticaSeverity.ERROR);
    }
    synchronized (this) {
      long deadline = System.nanoTime() + waitNanos;
      while (used + bytes > capacity) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AvaticaRuntimeException(
              "server busy: "
                  + name
                  + " memory is taken by other requests ("
                  + mb(used)
                  + " of "
                  + mb(capacity)
                  + "); try again",
              0,
              OUT_OF_MEMORY,
              AvaticaSeverity.ERROR);
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AvaticaRuntimeException(
              "interrupted while waiting for memory", 0, OUT_OF_MEMORY, AvaticaSeverity.ERROR);
        }
      }
      used += bytes;
    }
    return new Reservation() {
      private boolean closed;

      @Override
      public void close() {
        synchronized (MemoryBudget.this) {
          if (!closed) {
            closed = true;
            used -= bytes;
            MemoryBudget.this.notifyAll();
          }
        }
      }
    };
  }

  /** Bytes reserved now (tests). */
  synchronized long used() {
    return used;
  }

  long capacity() {
    return capacity;
  }

  private static String mb(long bytes) {
    return (bytes + (1 << 20) - 1 >> 20) + " MB";
  }
}
