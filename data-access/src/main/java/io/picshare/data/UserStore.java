package io.picshare.data;

import io.picshare.schema.record.UserRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Accounts: the user row (profile and counters) and the username that is unique to it. */
public interface UserStore {
  /** What {@link #create} did. */
  enum Created {
    CREATED,
    /** The username belongs to another account. */
    USERNAME_TAKEN,
    /** A user row with this id exists (an id collision): retry with a new id. */
    ID_TAKEN
  }

  /**
   * Claims the username and writes the user row, both put-if-absent. Repeating a create of the same
   * record (a lost reply, a rerun after a crash between the two writes) completes it: {@code
   * CREATED}.
   */
  CompletableFuture<Created> create(UserRecord user);

  CompletableFuture<Optional<UserAccount>> findByUsername(String username);

  CompletableFuture<Optional<UserAccount>> findById(long userId);

  /** The accounts of {@code userIds}, in order (empty where there is none), in one multi-get. */
  CompletableFuture<List<Optional<UserAccount>>> findAllById(List<Long> userIds);

  /**
   * Up to {@code limit} users whose username starts with {@code prefix} (any letter case), in
   * username order; none if the prefix cannot begin a valid username.
   */
  CompletableFuture<List<UserAccount>> findByUsernamePrefix(String prefix, int limit);

  /**
   * Adds {@code delta} to the photo count (an {@code Increment}; not atomic with the photo's
   * writes).
   */
  CompletableFuture<Void> addToPhotoCount(long userId, long delta);

  /**
   * Adds {@code delta} to the follower's following count and the followee's follower count (two
   * {@code Increment}s after the follow's own compare-and-set; recomputed by the repair).
   */
  CompletableFuture<Void> addToFollowCounts(long followerId, long followeeId, long delta);

  /**
   * Adds to the user's photo, follower and following counts in one {@code Increment} (zero deltas
   * change nothing): for tools that correct counts after writing in bulk, such as the benchmark's
   * graph generator.
   */
  CompletableFuture<Void> addToCounts(long userId, long photos, long followers, long following);
}
