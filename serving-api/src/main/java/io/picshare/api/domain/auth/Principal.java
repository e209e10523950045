package io.picshare.api.domain.auth;

import static java.util.Objects.requireNonNull;

/** The authenticated user a request acts for. */
public record Principal(long userId, String username) {
  public Principal {
    requireNonNull(username, "username is null");
  }
}
