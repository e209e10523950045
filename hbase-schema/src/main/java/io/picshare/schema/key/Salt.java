package io.picshare.schema.key;

/**
 * The one-byte salt that prefixes id-keyed rows: the top byte of {@code id * 0x9E3779B97F4A7C15}
 * (Fibonacci hashing), so monotonically increasing ids spread evenly over 256 buckets and therefore
 * over all regions of a table pre-split on this byte.
 */
public final class Salt {
  private static final long GOLDEN_RATIO_64 = 0x9E3779B97F4A7C15L;

  private Salt() {}

  /** The salt byte of {@code id}. */
  public static byte of(long id) {
    return (byte) ((id * GOLDEN_RATIO_64) >>> 56);
  }

  /**
   * One-byte split keys dividing the salt space into {@code regions} equal ranges, e.g. for 16
   * regions {@code 0x10, 0x20, ..., 0xF0}.
   *
   * @throws IllegalArgumentException unless {@code regions} is a power of two in 1..256
   */
  public static byte[][] splitKeys(int regions) {
    if (regions < 1 || regions > 256 || Integer.bitCount(regions) != 1) {
      throw new IllegalArgumentException("regions must be a power of two in 1..256: " + regions);
    }
    int step = 256 / regions;
    byte[][] keys = new byte[regions - 1][];
    for (int i = 1; i < regions; i++) {
      keys[i - 1] = new byte[] {(byte) (i * step)};
    }
    return keys;
  }
}
