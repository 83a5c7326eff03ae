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

  public VelesSettings {
    if (efSearch < 0 || efSearch > 10_000) {
      throw new VelesException(
          SqlState.INVALID_PARAMETER_VALUE,
          "ef_search must be in 0..10000 (0: each table's own), got " + efSearch);
    }
    java.util.Objects.requireNonNull(access, "access");
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
