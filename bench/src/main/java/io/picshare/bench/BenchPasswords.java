package io.picshare.bench;

/** The password of seeded users, shared by {@code seed-graph} and the commands that log them in. */
final class BenchPasswords {
  static final String DEFAULT = "picshare-seed";

  private BenchPasswords() {}

  /** The API's rule: 8 to 128 characters. */
  static void check(String password) {
    if (password.length() < 8 || password.length() > 128) {
      throw new IllegalArgumentException("--password must be 8 to 128 characters");
    }
  }
}
