package io.picshare.schema.id;

import java.util.OptionalLong;

/**
 * Encodes non-negative internal ids as opaque, URL-safe, fixed-length (11 characters) base62
 * strings, so consecutive ids do not look consecutive; {@link #decode} accepts exactly the strings
 * {@link #encode} produces and never throws. The scramble is a bijection on 64-bit values, not
 * encryption: it hides the id sequence from casual readers, not from someone with this code.
 */
public final class PublicIds {
  /** Length of every encoded id: 62^11 > 2^64, so any 64-bit value fits. */
  public static final int LENGTH = 11;

  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int BASE = ALPHABET.length();

  private static final long XOR_KEY = 0x5DEECE66DA3B9F41L;
  private static final long MULTIPLIER = 0x9E3779B97F4A7C15L; // odd, hence invertible mod 2^64
  private static final long MULTIPLIER_INVERSE = inverseModPow2(MULTIPLIER);

  private PublicIds() {}

  /**
   * Returns the 11-character public form of {@code id}.
   *
   * @throws IllegalArgumentException if {@code id} is negative
   */
  public static String encode(long id) {
    if (id < 0) {
      throw new IllegalArgumentException("id is negative: " + id);
    }
    long value = scramble(id);
    char[] chars = new char[LENGTH];
    for (int i = LENGTH - 1; i >= 0; i--) {
      chars[i] = ALPHABET.charAt((int) Long.remainderUnsigned(value, BASE));
      value = Long.divideUnsigned(value, BASE);
    }
    return new String(chars);
  }

  /**
   * Returns the id whose public form is {@code publicId}, or empty if {@code publicId} is null or
   * not exactly such a form (wrong length, a character outside [0-9A-Za-z], a value above 2^64 - 1,
   * or a value that is not the encoding of a non-negative id).
   */
  public static OptionalLong decode(String publicId) {
    if (publicId == null || publicId.length() != LENGTH) {
      return OptionalLong.empty();
    }
    long value = 0;
    for (int i = 0; i < LENGTH; i++) {
      int digit = digit(publicId.charAt(i));
      if (digit < 0 || Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, BASE)) > 0) {
        return OptionalLong.empty(); // bad character, or value * BASE + digit > 2^64 - 1
      }
      value = value * BASE + digit;
    }
    long id = unscramble(value);
    return id < 0 ? OptionalLong.empty() : OptionalLong.of(id);
  }

  static long scramble(long id) {
    long x = (id ^ XOR_KEY) * MULTIPLIER;
    return x ^ (x >>> 32); // makes the low bits depend on the high ones; is its own inverse
  }

  static long unscramble(long value) {
    long x = value ^ (value >>> 32);
    return (x * MULTIPLIER_INVERSE) ^ XOR_KEY;
  }

  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 36;
    }
    return -1;
  }

  /** Newton's iteration: each step doubles the number of correct low bits (3 → 96 ≥ 64). */
  private static long inverseModPow2(long odd) {
    long inverse = odd; // correct to 3 bits for any odd number
    for (int i = 0; i < 5; i++) {
      inverse *= 2 - odd * inverse;
    }
    return inverse;
  }
}
