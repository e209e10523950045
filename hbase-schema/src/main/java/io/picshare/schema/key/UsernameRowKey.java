package io.picshare.schema.key;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Row key of {@code picshare:usernames}: the username lower-cased with {@link Locale#ROOT}, as
 * UTF-8 (which for valid names is ASCII). Valid usernames are 3–30 characters of {@code
 * [A-Za-z0-9_]}; the record always holds the lower-cased form, so names differing only in case
 * share one row.
 */
public record UsernameRowKey(String username) {
  public static final int MIN_LENGTH = 3;
  public static final int MAX_LENGTH = 30;

  // ASCII only before lower-casing: Locale.ROOT maps e.g. the Kelvin sign U+212A to 'k'.
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_]{3,30}");
  private static final Pattern VALID_PREFIX = Pattern.compile("[A-Za-z0-9_]{1,30}");

  public UsernameRowKey {
    requireNonNull(username, "username is null");
    if (!isValid(username)) {
      throw new IllegalArgumentException(
          "username must be 3-30 characters of [a-z0-9_]: '" + username + "'");
    }
    username = username.toLowerCase(Locale.ROOT);
  }

  /** Whether {@code username} (in any letter case) is an acceptable username. */
  public static boolean isValid(String username) {
    return username != null && VALID.matcher(username).matches();
  }

  /**
   * The key prefix shared by every username starting with {@code start} (any letter case), or empty
   * if no valid username starts so.
   */
  public static Optional<byte[]> prefix(String start) {
    return start != null && VALID_PREFIX.matcher(start).matches()
        ? Optional.of(start.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))
        : Optional.empty();
  }

  public byte[] encode() {
    return username.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @throws IllegalArgumentException if {@code key} is not a valid, lower-case encoding
   */
  public static UsernameRowKey decode(byte[] key) {
    KeyCodec.requireLength(key, MIN_LENGTH, MAX_LENGTH, "username row key");
    String username = new String(key, StandardCharsets.UTF_8);
    if (!username.equals(username.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("username row key is not lower case: " + username);
    }
    return new UsernameRowKey(username);
  }
}
