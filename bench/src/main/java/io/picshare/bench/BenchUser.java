package io.picshare.bench;

import static java.util.Objects.requireNonNull;

/** A benchmark account and its bearer token (left out of {@link #toString()}). */
public record BenchUser(String username, String token) {
  public BenchUser {
    requireNonNull(username, "username is null");
    requireNonNull(token, "token is null");
  }

  @Override
  public String toString() {
    return "BenchUser[" + username + "]";
  }
}
