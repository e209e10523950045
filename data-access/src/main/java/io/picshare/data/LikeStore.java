package io.picshare.data;

import java.util.Collection;
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

  /** {@code true} if this call ended {@code userId}'s like of the photo. */
  CompletableFuture<Boolean> unlike(long photoId, long userId);

  /** Which of {@code photoIds} {@code userId} likes. */
  CompletableFuture<Set<Long>> likedBy(long userId, Collection<Long> photoIds);
}
