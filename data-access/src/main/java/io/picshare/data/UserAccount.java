package io.picshare.data;

import static java.util.Objects.requireNonNull;

import io.picshare.schema.record.UserRecord;

/** A stored account with its counters. */
public record UserAccount(
    UserRecord user, long photoCount, long followerCount, long followingCount) {
  public UserAccount {
    requireNonNull(user, "user is null");
  }
}
