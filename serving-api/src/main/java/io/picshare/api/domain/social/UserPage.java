package io.picshare.api.domain.social;

import io.picshare.schema.record.UserRecord;
import java.util.List;
import java.util.Optional;

/** One page of a followers or following list, newest relationship first, and the next cursor. */
public record UserPage(List<UserRecord> users, Optional<String> nextCursor) {
  public UserPage {
    users = List.copyOf(users);
  }
}
