package io.picshare.api.domain.social;

import io.picshare.schema.record.UserRecord;
import java.util.List;
import java.util.Optional;

/**
 * One page of a followers or following list, newest relationship first, and the next cursor. {@code
 * cursors} holds, for each user, the cursor of the page that starts after that user.
 */
public record UserPage(List<UserRecord> users, List<String> cursors, Optional<String> nextCursor) {
  public UserPage {
    users = List.copyOf(users);
    cursors = List.copyOf(cursors);
    if (cursors.size() != users.size()) {
      throw new IllegalArgumentException("one cursor per user is required");
    }
  }
}
