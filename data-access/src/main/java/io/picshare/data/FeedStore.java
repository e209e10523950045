package io.picshare.data;

import io.picshare.schema.record.FeedCandidates;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The stored layers of the news feed: the nightly batch's candidates per user, the inbox the
 * fan-out fills with followees' new photos, and the ranking snapshots {@code top} pages are cut
 * from.
 */
public interface FeedStore {
  /** A user's precomputed candidates and the time the batch considered photos up to. */
  record BatchFeed(FeedCandidates candidates, long cutoffMillis) {}

  /** A photo in a user's inbox: its id and owner. */
  record InboxEntry(long photoId, long ownerId) {}

  /** The user's batch feed, if the nightly job wrote one. */
  CompletableFuture<Optional<BatchFeed>> batch(long userId);

  /** Writes the user's batch feed (as the nightly job does, one row per user). */
  CompletableFuture<Void> saveBatch(long userId, BatchFeed feed);

  /** Puts the photo in each follower's inbox (rewriting an entry changes nothing). */
  CompletableFuture<Void> addToInboxes(Collection<Long> followerIds, long photoId, long ownerId);

  /**
   * Up to {@code limit} of the user's inbox, newest first: photos older than {@code before} if
   * given, and with ids of at least {@code oldestId} (0 for no bound).
   */
  CompletableFuture<List<InboxEntry>> inbox(
      long userId, OptionalLong before, long oldestId, int limit);

  CompletableFuture<Void> saveSnapshot(long userId, long snapshotId, FeedCandidates ranking);

  /** The snapshot, unless it expired (or never existed). */
  CompletableFuture<Optional<FeedCandidates>> snapshot(long userId, long snapshotId);
}
