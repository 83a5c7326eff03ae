package dev.veles.spark;

import java.io.Serial;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One input partition: a shard, and optionally a range {@code [lower, upper)} of its integer key
 * (null bounds are open). Spark prefers to run it on the shard's host. Immutable, serializable.
 */
record ShardPartition(int shard, Long lower, Long upper, String[] hosts) implements InputPartition {
  @Serial private static final long serialVersionUID = 1L;

  @Override
  public String[] preferredLocations() {
    return hosts.clone();
  }
}
