package dev.veles.calcite;

import dev.veles.engine.Durability;

/**
 * Per-connection settings of the SQL layer.
 *
 * @param efSearch the HNSW candidate list size for k-NN queries, 0 for each table's default
 * @param access what the connection may change ({@link Access#check} guards every write path)
 * @param durability the durability of tables created without a {@code durability} option
 */
public record VelesSettings(int efSearch, Access access, Durability durability) {
  public static final VelesSettings DEFAULT = new VelesSettings(0, Access.ADMIN, Durability.FSYNC);

  /** The largest ef_search accepted by {@code SET}, the connection property, the hint and knn. */
  public static final int MAX_EF_SEARCH = 10_000;

  /**
   * The largest k of a k-NN query ({@code LIMIT} over a distance, knn's third argument): the search
   * keeps k candidates on the heap, so k is bounded like any other per-query allocation.
   */
  public static final int MAX_K = 100_000;

  public VelesSettings {
    checkEfSearch(efSearch);
    java.util.Objects.requireNonNull(access, "access");
  }

  /**
   * Refuses an ef_search outside 0..{@value #MAX_EF_SEARCH} with 22023; one rule for {@code SET
   * ef_search}, the connection property, the {@code ef_search(n)} hint and knn's fourth argument.
   */
  public static void checkEfSearch(long efSearch) {
    if (efSearch < 0 || efSearch > MAX_EF_SEARCH) {
      throw new VelesException(
          SqlState.INVALID_PARAMETER_VALUE,
          "ef_search must be in 0.." + MAX_EF_SEARCH + " (0: each table's own), got " + efSearch);
    }
  }

  /** Refuses a k-NN k outside 0..{@value #MAX_K} with 22023. */
  public static void checkK(long k) {
    if (k < 0 || k > MAX_K) {
      throw new VelesException(
          SqlState.INVALID_PARAMETER_VALUE,
          "k (the LIMIT of a k-NN query, knn's third argument) must be in 0.."
              + MAX_K
              + ", got "
              + k);
    }
  }

  /** Settings of an embedded connection: read-only, or allowed everything. */
  public VelesSettings(int efSearch, boolean readOnly, Durability durability) {
    this(efSearch, readOnly ? Access.READ : Access.ADMIN, durability);
  }

  /** Whether writes and DDL are refused. */
  public boolean readOnly() {
    return access == Access.READ;
  }

  /** These settings with another ef_search. */
  public VelesSettings withEfSearch(int ef) {
    return new VelesSettings(ef, access, durability);
  }

  /** These settings with at most {@code limit} access. */
  public VelesSettings restrictedTo(Access limit) {
    return new VelesSettings(efSearch, access.min(limit), durability);
  }
}
