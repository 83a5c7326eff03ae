package dev.veles.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The documented hash rule: fixed test vectors (computed by an independent Python implementation of
 * the rule in the class comment), and balance on keys with a pattern.
 */
class ShardHashTest {
  @Test
  void documentedVectors() {
    assertEquals(2, ShardHash.shardOf(0L, 3));
    assertEquals(1, ShardHash.shardOf(1L, 3));
    assertEquals(2, ShardHash.shardOf(42L, 3));
    assertEquals(1, ShardHash.shardOf(-1L, 3));
    assertEquals(2, ShardHash.shardOf("doc-1", 3));
    assertEquals(2, ShardHash.shardOf(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), 3));
  }

  @Test
  void documentedCompositeVectors() {
    UUID u = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    assertEquals(
        0, ShardHash.shardOfParts(new byte[][] {ShardHash.bytes(1L), ShardHash.bytes("doc-1")}, 3));
    assertEquals(
        2, ShardHash.shardOfParts(new byte[][] {ShardHash.bytes(7L), ShardHash.bytes("a")}, 3));
    assertEquals(
        0, ShardHash.shardOfParts(new byte[][] {ShardHash.bytes(u), ShardHash.bytes("x")}, 3));
    assertEquals(
        "123e4567e89b12d3a456426614174000", java.util.HexFormat.of().formatHex(ShardHash.bytes(u)));
    assertEquals("ffffffffffffffff", java.util.HexFormat.of().formatHex(ShardHash.bytes(-1L)));
  }

  @Test
  void compositePartsAreLengthPrefixed() {
    byte[] a = "ab".getBytes(StandardCharsets.UTF_8);
    byte[] b = "c".getBytes(StandardCharsets.UTF_8);
    byte[] c = "a".getBytes(StandardCharsets.UTF_8);
    byte[] d = "bc".getBytes(StandardCharsets.UTF_8);
    int differ = 0;
    for (int n = 2; n < 40; n++) {
      differ +=
          ShardHash.shardOfParts(new byte[][] {a, b}, n)
                  != ShardHash.shardOfParts(new byte[][] {c, d}, n)
              ? 1
              : 0;
    }
    assertTrue(differ > 20, "(ab, c) and (a, bc) are different keys: " + differ);
  }

  /** Even ids only (a common pattern) still spread over two and three shards. */
  @Test
  void patternedKeysSpreadEvenly() {
    for (int shards : new int[] {2, 3, 4}) {
      for (int stride : new int[] {1, 2, 6, 1024}) {
        int[] counts = new int[shards];
        int n = 60_000;
        for (long i = 0; i < n; i++) {
          counts[ShardHash.shardOf(i * stride, shards)]++;
        }
        for (int count : counts) {
          double share = count / (double) n;
          assertTrue(
              Math.abs(share - 1.0 / shards) < 0.02,
              "stride " + stride + ", " + shards + " shards: " + java.util.Arrays.toString(counts));
        }
      }
    }
  }

  @Test
  void noShardsIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ShardHash.shardOf(1L, 0));
  }
}
