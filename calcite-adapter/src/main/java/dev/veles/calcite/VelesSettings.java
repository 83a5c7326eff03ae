package dev.veles.calcite;

import dev.veles.engine.Durability;

/**
 * Per-connection settings of the SQL layer.
 *
 * @param efSearch the HNSW candidate list size for k-NN queries, 0 for each table's default
 * @param readOnly whether writes and DDL are refused
 * @param durability the durability of tables created without a {@code durability} option
 */
public record VelesSettings(int efSearch, boolean readOnly, Durability durability) {
  public static final VelesSettings DEFAULT = new VelesSettings(0, false, Durability.FSYNC);

  public VelesSettings {
    if (efSearch < 0 || efSearch > 10_000) {
      throw new VelesException(
          SqlState.INVALID_PARAMETER_VALUE,
          "ef_search must be in 0..10000 (0: each table's own), got " + efSearch);
    }
  }
}
