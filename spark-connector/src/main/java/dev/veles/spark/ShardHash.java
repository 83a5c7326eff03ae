package dev.veles.spark;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The stable hash that places a row on a shard: {@code shard = unsigned(fmix64(fnv1a64(keyBytes)))
 * mod N}, with FNV-1a 64 (offset basis {@code 0xcbf29ce484222325}, prime {@code 0x100000001b3})
 * over the key's canonical bytes and MurmurHash3's 64-bit finalizer {@code fmix64} ({@code h ^=
 * h>>>33; h *= 0xff51afd7ed558ccd; h ^= h>>>33; h *= 0xc4ceb9fe1a85ec53; h ^= h>>>33}), so that any
 * client in any language computes the same shard. The finalizer matters: FNV-1a alone keeps the
 * key's low bit in the hash's low bit, which would put every even id on one of two shards. The
 * canonical bytes of a key are, by kind:
 *
 * <ul>
 *   <li>{@code BIGINT}, {@code INTEGER}, {@code SMALLINT}: the value widened to a signed 64-bit
 *       integer, 8 bytes big-endian (so {@code 7} places the same as an INTEGER or a BIGINT);
 *   <li>{@code VARCHAR}: the UTF-8 bytes of the string, as stored (no case folding, no trimming);
 *   <li>{@code UUID}: the 16 bytes big-endian (most significant long first);
 *   <li>composite keys: each part's bytes prefixed by its length as a 4-byte big-endian integer, in
 *       the key's declared column order.
 * </ul>
 *
 * The shard count of a table is fixed when it is created: a different N moves most rows. Test
 * vectors: {@code shardOf(0L, 3) == 2}, {@code shardOf(1L, 3) == 1}, {@code shardOf(42L, 3) == 2},
 * {@code shardOf(-1L, 3) == 1}, {@code shardOf("doc-1", 3) == 2}, {@code
 * shardOf(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), 3) == 2}, and for the composite
 * keys {@code (BIGINT 1, VARCHAR 'doc-1') -> 0}, {@code (BIGINT 7, VARCHAR 'a') -> 2}, {@code (UUID
 * 123e4567-e89b-12d3-a456-426614174000, VARCHAR 'x') -> 0} of 3 shards (checked by {@code
 * ShardHashTest}). Stateless and thread-safe.
 */
public final class ShardHash {
  private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private ShardHash() {}

  /** The canonical bytes of an integer key part: the value as 8 bytes, big-endian. */
  public static byte[] bytes(long key) {
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (key >>> (56 - 8 * i));
    }
    return out;
  }

  /** The canonical bytes of a {@code VARCHAR} key part: its UTF-8 bytes. */
  public static byte[] bytes(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  /** The canonical bytes of a {@code UUID} key part: 16 bytes, most significant long first. */
  public static byte[] bytes(UUID key) {
    byte[] out = new byte[16];
    System.arraycopy(bytes(key.getMostSignificantBits()), 0, out, 0, 8);
    System.arraycopy(bytes(key.getLeastSignificantBits()), 0, out, 8, 8);
    return out;
  }

  /** The shard (0-based) of an integer key among {@code shards}. */
  public static int shardOf(long key, int shards) {
    return shard(hash(OFFSET_BASIS, key), shards);
  }

  /** The shard of a {@code VARCHAR} key. */
  public static int shardOf(String key, int shards) {
    return shard(hash(OFFSET_BASIS, key.getBytes(StandardCharsets.UTF_8)), shards);
  }

  /** The shard of a {@code UUID} key. */
  public static int shardOf(UUID key, int shards) {
    long h = hash(OFFSET_BASIS, key.getMostSignificantBits());
    return shard(hash(h, key.getLeastSignificantBits()), shards);
  }

  /**
   * The shard of a composite key whose parts are already in canonical bytes ({@link #bytes(long)},
   * {@link #bytes(String)}, {@link #bytes(UUID)}), in declared order.
   */
  public static int shardOfParts(byte[][] parts, int shards) {
    long h = OFFSET_BASIS;
    for (byte[] part : parts) {
      h = hashInt(h, part.length);
      h = hash(h, part);
    }
    return shard(h, shards);
  }

  private static int shard(long fnv, int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shard count must be at least 1, got " + shards);
    }
    long h = fnv;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) Long.remainderUnsigned(h, shards);
  }

  private static long hash(long h, byte[] bytes) {
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= PRIME;
    }
    return h;
  }

  private static long hash(long h, long value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      h ^= (value >>> shift) & 0xff;
      h *= PRIME;
    }
    return h;
  }

  private static long hashInt(long h, int value) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      h ^= (value >>> shift) & 0xff;
      h *= PRIME;
    }
    return h;
  }
}
