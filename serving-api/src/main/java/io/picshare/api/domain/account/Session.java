package io.picshare.api.domain.account;

import static java.util.Objects.requireNonNull;

import io.picshare.schema.record.UserRecord;
import java.time.Duration;

/** A bearer token and the account it was issued to. */
public record Session(String token, Duration expiresIn, UserRecord user) {
  public Session {
    requireNonNull(token, "token is null");
    requireNonNull(expiresIn, "expiresIn is null");
    requireNonNull(user, "user is null");
  }
}
