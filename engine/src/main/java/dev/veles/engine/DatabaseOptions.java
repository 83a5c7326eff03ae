package dev.veles.engine;

/**
 * How to open a {@link Database}.
 *
 * @param create create the root directory if it does not exist
 * @param readOnly refuse every write; files are not modified (a WAL is replayed into memory)
 * @param maxDimension the largest vector dimension a new collection may have (1..65,536)
 */
public record DatabaseOptions(boolean create, boolean readOnly, int maxDimension) {
  /** The default ceiling on vector dimensions. */
  public static final int DEFAULT_MAX_DIMENSION = 4096;

  public DatabaseOptions {
    if (maxDimension < 1 || maxDimension > CollectionSchema.MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "maxDimension must be in 1.." + CollectionSchema.MAX_DIMENSION + ", got " + maxDimension);
    }
  }

  /** create=true, readOnly=false, maxDimension=4096. */
  public static DatabaseOptions defaults() {
    return new DatabaseOptions(true, false, DEFAULT_MAX_DIMENSION);
  }
}
