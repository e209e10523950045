package io.picshare.api.graphql;

import static java.util.Objects.requireNonNull;

import io.picshare.data.UserAccount;
import io.picshare.schema.record.UserRecord;
import java.util.Optional;

/**
 * A {@code User} being resolved: its record, and its account (with the counts) when the service
 * that found it read that too; otherwise the counts are loaded in a batch when asked for.
 */
record UserNode(UserRecord user, Optional<UserAccount> account) {
  UserNode {
    requireNonNull(user, "user is null");
    requireNonNull(account, "account is null");
  }

  static UserNode of(UserAccount account) {
    return new UserNode(account.user(), Optional.of(account));
  }

  static UserNode of(UserRecord user) {
    return new UserNode(user, Optional.empty());
  }
}
