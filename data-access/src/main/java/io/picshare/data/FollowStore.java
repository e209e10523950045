package io.picshare.data;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Who follows whom: one row per (follower, followee), the truth, plus the two newest-first lists
 * ({@code following}, {@code followers}) written after it. A list row whose pair no longer carries
 * its edge id is stale (a crash between the writes, or an unfollow not yet cleaned up): readers
 * skip it and the repair removes it.
 */
public interface FollowStore {
  /** One entry of a following or followers list: the follow's edge id and the other user. */
  record Edge(long edgeId, long userId) {}

  /**
   * A follow to write in bulk: {@code followerId} follows {@code followeeId} as edge {@code
   * edgeId}.
   */
  record Follow(long followerId, long followeeId, long edgeId) {}

  /**
   * Makes {@code followerId} follow {@code followeeId} with the new edge {@code edgeId}. If they
   * already followed (nothing changes): {@code false}; otherwise {@code true}.
   */
  CompletableFuture<Boolean> follow(long followerId, long followeeId, long edgeId);

  /** Writes the two list rows of a follow (after {@link #follow}; rewriting them is harmless). */
  CompletableFuture<Void> addToLists(long followerId, long followeeId, long edgeId);

  /**
   * Bulk {@link #follow} for tools that write many follows with ids of their own (the benchmark's
   * graph generator), in a few multi-row round trips: for each follow, whether its pair now stands
   * with exactly its edge id, started by this call or by an earlier one with the same id, so a
   * rerun batch is harmless. {@code false}: the pair stands with another edge. Counts and events
   * are the caller's.
   */
  CompletableFuture<List<Boolean>> followAll(List<Follow> follows);

  /** Bulk {@link #addToLists}: the list rows of every follow, in one multi-put per list table. */
  CompletableFuture<Void> addAllToLists(List<Follow> follows);

  /** Ends the follow; the edge id it ended, or empty if there was none (nothing changes). */
  CompletableFuture<OptionalLong> unfollow(long followerId, long followeeId);

  /** Removes the list rows of an ended follow (after {@link #unfollow}). */
  CompletableFuture<Void> removeFromLists(long followerId, long followeeId, long edgeId);

  /** The follow's edge id if {@code followerId} follows {@code followeeId}. */
  CompletableFuture<OptionalLong> edge(long followerId, long followeeId);

  /**
   * Up to {@code limit} accounts {@code userId} follows, newest first, older than {@code before}.
   */
  CompletableFuture<List<Edge>> following(long userId, OptionalLong before, int limit);

  /** Up to {@code limit} followers of {@code userId}, newest first, older than {@code before}. */
  CompletableFuture<List<Edge>> followers(long userId, OptionalLong before, int limit);
}
