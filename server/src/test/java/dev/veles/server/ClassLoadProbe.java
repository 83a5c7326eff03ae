package dev.veles.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A class that counts its own loading and instantiation: tests name it as the value of
 * class-bearing connection properties and assert the server never touched it. Tests refer to it
 * only by name, so that nothing but such a property can load it.
 */
public final class ClassLoadProbe {
  /** Counters kept outside the probe so that reading them does not load it. */
  public static final class Counts {
    public static final AtomicInteger LOADED = new AtomicInteger();
    public static final AtomicInteger CREATED = new AtomicInteger();

    private Counts() {}
  }

  static {
    Counts.LOADED.incrementAndGet();
  }

  /** Avatica's plugin convention: a public static {@code INSTANCE} or a public constructor. */
  public static final ClassLoadProbe INSTANCE = new ClassLoadProbe();

  public ClassLoadProbe() {
    Counts.CREATED.incrementAndGet();
  }
}
