package io.picshare.data;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Who likes which photo, one row per (photo, user). Liking and unliking are compare-and-set, so of
 * any number of retries or concurrent requests one changes the row: only that one changes the
 * photo's like count, which therefore never counts a like twice nor goes negative.
 */
public interface LikeStore {
  /** {@code true} if this call made {@code userId} like the photo (with like id {@code likeId}). */
  CompletableFuture<Boolean> like(long photoId, long userId, long likeId);

  /** A like to write in bulk: {@code userId} likes {@code photoId} as like {@code likeId}. */
  record Like(long photoId, long userId, long likeId) {}

  /**
   * Bulk {@link #like} for tools that write many likes with ids of their own (the benchmark's graph
   * generator), in a few multi-row round trips: for each like, whether it now stands with exactly
   * its like id, started by this call or by an earlier one with the same id, so a rerun batch is
   * harmless. {@code false}: the user likes the photo under another like id. Like counts are the
   * caller's.
   */
  CompletableFuture<List<Boolean>> likeAll(List<Like> likes);

  /** {@code true} if this call ended {@code userId}'s like of the photo. */
  CompletableFuture<Boolean> unlike(long photoId, long userId);

  /** Which of {@code photoIds} {@code userId} likes. */
  CompletableFuture<Set<Long>> likedBy(long userId, Collection<Long> photoIds);
}
